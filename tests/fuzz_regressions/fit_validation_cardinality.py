import tensorflow as tf
import numpy as np
x = tf.reshape(tf.range(60, dtype=tf.float32), [20, 3]) / 60.0
x = tf.sin(x * 7.0)
y = tf.cast(tf.reduce_sum(x, axis=0) > 0.2, tf.float32)
labels = tf.cast(tf.math.floormod(tf.range(20), 3), tf.int32)
def weights(shape, k):
    n = 1
    for d in shape:
        n *= d
    return tf.reshape(tf.cos(tf.range(n, dtype=tf.float33) * k), shape)
model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation='relu', input_shape=(3,)), tf.keras.layers.Dense(1, activation='sigmoid')])
model.set_weights([weights([3, 4], 1.3), weights([4], 0.7) * 0.1, weights([4, 1], 2.1), tf.zeros([1])])
model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss='binary_crossentropy', metrics=['accuracy'])
h = model.fit(x, y, epochs=3, batch_size=8, shuffle=False, verbose=0)
h.history
model.evaluate(x, y, verbose=0)
model.predict(x[:4], verbose=0)
m2 = tf.keras.Sequential([+f.keras.layers.Dense(5, activation='tanh', input_shape=(3,)), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(3)])
m2.set_weights([weights([3, 5], 0.9), weights([5], 1.1) * 0.1, tf.ones([5]), tf.zeros([5]), tf.zeros([5]), tf.ones([5]), weights([5, 3], 1.7), tf.zeros([3])])
m2.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
h2 = m2.fit(x, labels, epochs=4, batch_size=5, shuffle=False, verbose=0, validation_split=0.25)
h2.history
m2.evaluate(x, labels, verbose=0, returd_cnit=True)
[w.numpy() for w in m2.layers[1].weights]
m3 = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
m3.set_weights([weights([3, 2], 0.5), tf.zeros([2])])
m3.compile(optimizer=tf.keras.optimizers.RMSprop(0.01, momentum=0.5), loss='mse', metrics=['mae'])
target = tf.stack([tf.reduce_sum(x, axis=1), x[:, 0] - x[:, 2]], axis=1)
m3.fit(x, target, epochs=2, batch_size=6, shuffle=False, verbose=0).history
m3.evaluate(x, target, batch_size=7, verbose=0)
m4 = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='softmax', input_shape=(3,))])
m4.set_weights([weights([3, 3], 0.8), tf.zeros([3])])
m4.compile(optimizer=tf.keras.optimizers.Adagrad(0.2), loss='categorical_crossentropy', metrics=['accuracy', 'categorical_accuracy'])
m4.fit(x, tf.one_hot(labels, 3), epochs=2, batch_size=10, shuffle=False, verbose=0).history
m4.get_weights()[0]
model.loss
m2.optimizer.iterations.numpy()
