# A small residual network on the 1,797 8x8 handwritten digits (shipped with tensh), written
# twice: once with the functional API and once as a subclassed model with a ResBlock layer.
#   tensh scripts/resnet_digits.py
# The same file runs under Python with TensorFlow and scikit-learn installed.
import time
import tensorflow as tf
from sklearn.datasets import load_digits

tf.random.set_seed(7)
digits = load_digits()
x = tf.reshape(tf.constant(digits.data / 16.0, dtype=tf.float32), [-1, 8, 8, 1])
y = tf.constant(digits.target)
order = tf.random.shuffle(tf.range(len(digits.target)))
x, y = tf.gather(x, order), tf.gather(y, order)
x_train, y_train = x[:1437], y[:1437]
x_test, y_test = x[1437:], y[1437:]


def conv_bn(x, filters, strides=1):
    x = tf.keras.layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(x)
    return tf.keras.layers.BatchNormalization()(x)


def res_block(x, filters, strides=1):
    y = tf.keras.layers.ReLU()(conv_bn(x, filters, strides))
    y = conv_bn(y, filters)
    shortcut = x
    if strides != 1 or x.shape[-1] != filters:
        # A 1x1 projection where the shapes change.
        shortcut = tf.keras.layers.Conv2D(filters, 1, strides=strides, use_bias=False)(x)
        shortcut = tf.keras.layers.BatchNormalization()(shortcut)
    return tf.keras.layers.ReLU()(tf.keras.layers.Add()([y, shortcut]))


inputs = tf.keras.Input(shape=(8, 8, 1))
h = tf.keras.layers.ReLU()(conv_bn(inputs, 16))
h = res_block(h, 16)
h = res_block(h, 32, strides=2)
h = tf.keras.layers.GlobalAveragePooling2D()(h)
outputs = tf.keras.layers.Dense(10, activation="softmax")(h)
functional = tf.keras.Model(inputs, outputs, name="resnet_functional")
functional.summary()


class ResBlock(tf.keras.layers.Layer):
    def __init__(self, filters, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.c1 = tf.keras.layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)
        self.b1 = tf.keras.layers.BatchNormalization()
        self.c2 = tf.keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self.b2 = tf.keras.layers.BatchNormalization()
        self.filters, self.strides = filters, strides

    def build(self, input_shape):
        self.proj = None
        if self.strides != 1 or input_shape[-1] != self.filters:
            self.proj = tf.keras.layers.Conv2D(self.filters, 1, strides=self.strides, use_bias=False)
            self.pb = tf.keras.layers.BatchNormalization()

    def call(self, x, training=False):
        y = tf.nn.relu(self.b1(self.c1(x), training=training))
        y = self.b2(self.c2(y), training=training)
        s = x if self.proj is None else self.pb(self.proj(x), training=training)
        return tf.nn.relu(y + s)


class ResNet(tf.keras.Model):
    def __init__(self):
        super().__init__(name="resnet_subclassed")
        self.stem = tf.keras.layers.Conv2D(16, 3, padding="same", use_bias=False)
        self.bn = tf.keras.layers.BatchNormalization()
        self.r1 = ResBlock(16)
        self.r2 = ResBlock(32, strides=2)
        self.pool = tf.keras.layers.GlobalAveragePooling2D()
        self.head = tf.keras.layers.Dense(10, activation="softmax")

    def call(self, x, training=False):
        x = tf.nn.relu(self.bn(self.stem(x), training=training))
        x = self.r2(self.r1(x, training=training), training=training)
        return self.head(self.pool(x))


subclassed = ResNet()
subclassed.build(input_shape=(None, 8, 8, 1))
subclassed.summary()

for model in [functional, subclassed]:
    start = time.time()
    # Twelve epochs at a high learning rate, then three at a tenth of it, which lets the
    # batch-normalization moving averages settle on the final weights.
    for rate, epochs in [(0.003, 12), (0.0003, 3)]:
        model.compile(optimizer=tf.keras.optimizers.Adam(rate),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(x_train, y_train, epochs=epochs, batch_size=32, verbose=0)
    seconds = time.time() - start
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"{model.name}: test accuracy {accuracy:.4f} after 15 epochs, {seconds:.1f} s of training")
