import tensorflow as tf
def init(shape, dtype=None):
    n = 1
    for d in shape:
        n *= d
    return tf.reshape(tf.sin(tf.range(n, dtype=tf.float32) * 0.7) * 0.3, shape)
def conv_bn(x, filters, strides=1):
    x = tf.keras.layers.Conv2D(filters, 3, strides=strides, padding='same', use_bias=False, kernel_initializer=init)(x)
    x = tf.keras.layers.BatchNormalization()(x)
    return x
def res_block(x, filters, strides=1):
    shortcut = x
    y = conv_bn(x, filters, strides)
    y = tf.keras.layers.ReLU()(y)
    y = conv_bn(y, filters)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = tf.keras.layers.Conv2D(filters, 1, strides=strides, use_bias=False, kernel_initializer=init)(x)
        shortcut = tf.keras.layers.BatchNormalization()(shortcut)
    y = tf.keras.layers.Add()([y, shortcut])
    return tf.keras.layers.ReLU()(y)
inputs = tf.keras.Input(shape=(8, 8, 1))
x = conv_bn(inputs, 8)
x = tf.keras.layers.ReLU()(x)
x = res_block(x, 8)
x = res_block(x, 16, strides=2)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
outputs = tf.keras.layers.Dense(10, activation='softmax', kernel_initializer=init)(x)
model = tf.keras.Model(inputs, outputs, name='resnet')
model.summary()
model.count_params()
len(model.layers)
[l.name for l in model.layers]
images = tf.reshape(tf.cos(tf.range(4 * 64, dtype=tf.float32) * 0.13), [4, 8, 8, 1])
labels = tf.constant([1, 3, 5, 7])
model(images[:2])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
h = model.fit(images, labels, epochs=3, batch_size=2, verbose=0, shuffle=False)
[round(v, 4) for v in h.history['loss']]
model.evaluate(images, labels, verbose=0)
class ResBlock(tf.keras.layers.Layer):
    def __init__(self, filters, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.c1 = tf.keras.layers.Conv2D(filters, 3, strides=strides, padding='same', use_bias=False, kernel_initializer=init)
        self.b1 = tf.keras.layers.BatchNormalization()
        self.c2 = tf.keras.layers.Conv2D(filters, 3, padding='same', use_bias=False, kernel_initializer=init)
        self.b2 = tf.keras.layers.BatchNormalization()
        self.proj = None
        if strides != 1:
            self.proj = tf.keras.layers.Conv2D(filters, 1, strides=strides, use_bias=False, kernel_initializer=init)
            self.pb = tf.keras.layers.BatchNormalization()
    def call(self, x, training=False):
        y = tf.nn.relu(self.b1(self.c1(x), training=training))
        y = self.b2(self.c2(y), training=training)
        s = x if self.proj is None else self.pb(self.proj(x), training=training)
        return tf.nn.relu(y + s)
class ResNet(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.stem = tf.keras.layers.Conv2D(8, 3, padding='same', use_bias=False, kernel_initializer=init)
        self.bn = tf.keras.layers.BatchNormalization()
        self.r1 = ResBlock(8)
        self.r2 = ResBlock(16, strides=2)
        self.pool = tf.keras.layers.GlobalAveragePooling2D()
        self.out = tf.keras.layers.Dense(10, activation='softmax', kernel_initializer=init)
    def call(self, x, training=False):
        x = tf.nn.relu(self.bn(self.stem(x), training=training))
        return self.out(self.pool(self.r2(self.r1(x, training=training), training=training)))
net = ResNet()
net.build(input_shape=(None, 8, 8, 1))
net.summary()
net.count_params()
len(net.weights)
net(images[:2])
net.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
h2 = net.fit(images, labels, epochs=3, batch_size=2, verbose=0, shuffle=False)
[round(v, 4) for v in h2.history['loss']]
inputs2 = tf.keras.Input(shape=(8, 8, 1))
y = ResBlock(4, strides=2, name='rb')(inputs2)
y
m3 = tf.keras.Model(inputs2, y)
m3.summary()
