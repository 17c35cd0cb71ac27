import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
e = layers.Embedding(10, 3, embeddings_initializer='ones')
e.name, e.input_dim, e.output_dim, e.mask_zero, e.input_length
e.get_config()
ids = tf.constant([[1, 2, 0], [0, 3, 4]])
y = e(ids)
y.shape, y.dtype
[w.name for w in e.weights], [w.shape for w in e.weights]
e.count_params()
e.compute_mask(ids)
e2 = layers.Embedding(5, 2)
e2.get_config()['embeddings_initializer']
e2.build((None, 4))
[w.name for w in e2.weights], e2.built
w = np.arange(10, dtype='float32').reshape(5, 2)
e2.set_weights([w])
e2(tf.constant([[0, 4, 2]]))
e2(tf.constant([3, 1]))
e2(tf.constant([[1.0, 2.7]]))
e2(np.array([[4, 0], [1, 1]]))
e2(tf.constant([[1, 2]], dtype=tf.int64))
e2(tf.constant([[1, 5]]))
e2(tf.constant([[-1]]))
layers.Embedding(0, 3)
layers.Embedding(5, -3)
layers.Embedding(5, 0)
m = layers.Embedding(6, 2, mask_zero=True, embeddings_initializer='ones')
m.get_config()['mask_zero'], m.supports_masking
m.compute_mask(tf.constant([[1, 0, 2], [0, 0, 5]]))
m.compute_mask(tf.constant([[1.5, 0.0]]))
layers.Embedding(6, 2).compute_mask(tf.constant([[1, 0]]))
layers.Embedding(6, 2, input_length=4).get_config()['batch_input_shape']
layers.Embedding(6, 2, input_shape=(7,)).get_config()['batch_input_shape']
layers.Embedding(6, 2, input_length=4).input_length
ce = layers.Embedding(4, 3, embeddings_initializer=tf.keras.initializers.Constant(0.5))
ce(tf.constant([[0, 3]]))
ce.get_config()['embeddings_initializer']
layers.Embedding(4, 3, embeddings_initializer='zeros')(tf.constant([1]))
model = tf.keras.Sequential([layers.Embedding(100, 8, input_length=10), layers.Flatten(), layers.Dense(1)])
model.summary()
[w.name for w in model.weights]
model.count_params()
model2 = tf.keras.Sequential([layers.Embedding(50, 4), layers.GlobalAveragePooling1D(), layers.Dense(2)])
model2.summary()
model2.output_shape
model2(tf.constant([[1, 2, 3], [4, 5, 6]])).shape
mz = tf.keras.Sequential([layers.Embedding(5, 2, embeddings_initializer='ones', mask_zero=True), layers.GlobalAveragePooling1D()])
mz.layers[0].set_weights([np.arange(10, dtype='float32').reshape(5, 2)])
mz(tf.constant([[1, 0, 2], [3, 3, 0]]))
nz = tf.keras.Sequential([layers.Embedding(5, 2, mask_zero=False), layers.GlobalAveragePooling1D()])
nz.layers[0].set_weights([np.arange(10, dtype='float32').reshape(5, 2)])
nz(tf.constant([[1, 0, 2], [3, 3, 0]]))
mf = tf.keras.Sequential([layers.Embedding(5, 2, embeddings_initializer='ones', mask_zero=True, input_length=3), layers.Flatten(), layers.Dense(1, kernel_initializer='ones')])
mf(tf.constant([[1, 0, 2]]))
table = tf.Variable(np.arange(12, dtype='float32').reshape(6, 2))
g = layers.Embedding(6, 2)
g.build((None, 3))
g.set_weights([np.arange(12, dtype='float32').reshape(6, 2)])
with tf.GradientTape() as tape:
    out = tf.reduce_sum(g(tf.constant([[1, 1, 4]])) * tf.constant([1.0, 2.0]))
tf.convert_to_tensor(tape.gradient(out, g.trainable_variables)[0])
ge = layers.Embedding(3, 2, embeddings_initializer='ones')
ge.build((None, 2))
mg = tf.keras.Sequential([layers.InputLayer(input_shape=(2,)), ge, layers.Flatten(), layers.Dense(1, kernel_initializer='ones', use_bias=False)])
mg.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss='mse')
h = mg.fit(np.array([[0, 1], [2, 2]]), np.array([[1.0], [0.0]]), epochs=2, verbose=0)
[round(v, 4) for v in h.history['loss']]
ge.get_weights()[0]
layers.Embedding(10, 3).trainable_weights
layers.Embedding(3, 2, embeddings_initializer='ones', trainable=False)(tf.constant([0])).shape
fe = layers.Embedding(3, 2, embeddings_initializer='ones', trainable=False)
fe.build((None,))
len(fe.trainable_weights), len(fe.non_trainable_weights)
type(layers.Embedding(3, 2)).__name__
layers.Embedding(3, 2).compute_output_shape((None, 5))
layers.Embedding(3, 2, embeddings_regularizer=None).get_config()['embeddings_regularizer']
