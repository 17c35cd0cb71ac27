import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, Sequential
x = tf.constant([[-2.0, -0.5, 0.0, 1.5], [3.0, -1.0, 2.0, 0.25]])
layers.ReLU()(x), layers.ReLU(max_value=1.0, negative_slope=0.1)(x), layers.LeakyReLU()(x), layers.LeakyReLU(alpha=0.5)(x)
layers.Softmax()(x), layers.Softmax(axis=0)(x), layers.Activation("tanh")(x), layers.Activation(tf.nn.relu6)(x * 4)
layers.Flatten()(tf.ones([2, 2, 3])), layers.Dropout(0.5)(x), layers.Dropout(0.5)(x, training=False)
layers.Add()([x, x, x])
d = layers.Dense(3, kernel_initializer="ones", bias_initializer=keras.initializers.Constant(0.5), activation="sigmoid")
d(x), d.kernel.name, d.bias.name, d.name, d.activation.__name__
e = layers.Dense(2, use_bias=False, kernel_initializer=tf.keras.initializers.Zeros())
e(tf.ones([2, 3, 4])).shape, len(e.weights), e.count_params()
layers.Dense(2)(tf.constant([1.0, 2.0]))
bn = layers.BatchNormalization(momentum=0.9, epsilon=0.01)
bn(x, training=True)
[w.name for w in bn.weights], bn.moving_mean, bn.moving_variance
bn(x)
len(bn.trainable_weights), len(bn.non_trainable_weights)
class Scale(layers.Layer):
    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units), initializer="ones", trainable=True)
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros", trainable=False)
    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b
s = Scale(3)
s(x), s.name, [v.name for v in s.weights], len(s.trainable_variables), len(s.non_trainable_variables), s.built
class Block(keras.Model):
    def __init__(self):
        super(Block, self).__init__()
        self.d1 = layers.Dense(4, kernel_initializer="ones", activation="relu")
        self.d2 = layers.Dense(1, kernel_initializer="ones")
    def call(self, inputs, training=None):
        return self.d2(self.d1(inputs))
m = Block()
m(x), m.name, [v.name for v in m.trainable_variables], [l.name for l in m.layers], m.count_params()
isinstance(m, keras.Model), isinstance(s, layers.Layer), isinstance(d, keras.Model), isinstance(x, tf.Tensor)
Scale(1, name="custom_scale").name, Scale().name
seq = Sequential([layers.Dense(3, input_shape=(4,), kernel_initializer="ones"), layers.ReLU(), layers.Dense(1, kernel_initializer="ones")])
seq(x), seq.output_shape, seq.input_shape, seq.count_params(), seq.layers[1].name
tf.keras.initializers.Constant(2.0)(shape=(2, 2)), tf.keras.initializers.Ones()((3,)), tf.keras.initializers.zeros()((1, 2))
tf.keras.losses.categorical_crossentropy([[0.0, 1.0]], [[0.3, 0.7]], label_smoothing=0.2)
tf.keras.losses.binary_crossentropy([[1.0, 0.0]], [[2.0, -1.0]], from_logits=True)
tf.keras.losses.BinaryCrossentropy(reduction="sum")([[1.0], [0.0]], [[0.9], [0.2]])
tf.keras.losses.SparseCategoricalCrossentropy()([0, 1], [[0.9, 0.1], [0.4, 0.6]])
tf.keras.losses.MeanAbsoluteError(reduction="none")([[1.0, 2.0]], [[0.0, 4.0]])
tf.keras.losses.mse([1.0, 2.0], [2.0, 4.0]), tf.losses.mae([1.0, 2.0], [2.0, 4.0])
tf.keras.activations.get(None)(x).shape, tf.keras.activations.serialize(tf.keras.activations.sigmoid)
tf.keras.activations.softmax(tf.constant([1.0, 2.0]))
layers.Dense(2, activation="nope")
tf.keras.Sequential().summary()
