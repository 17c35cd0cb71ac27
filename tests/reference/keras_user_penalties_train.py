import tensorflow as tf
class Sub(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name='w', shape=(input_shape[-1],), initializer='ones', regularizer=tf.keras.regularizers.l2(0.5), constraint=tf.keras.constraints.NonNeg())
    def call(self, x):
        return x * self.w
x = tf.constant([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5], [2.0, 1.0]])
y = tf.constant([[1.0], [0.0], [1.0], [0.0]])
def custom_l1(w):
    return 0.1 * tf.reduce_sum(tf.abs(w))
model = tf.keras.Sequential([
    tf.keras.Input((2,)),
    Sub(),
    tf.keras.layers.Dense(3, kernel_initializer='ones', kernel_regularizer=custom_l1, activation='relu'),
    tf.keras.layers.Dense(1, kernel_initializer='ones', bias_regularizer=lambda b: 10.0 * tf.reduce_sum(b * b)),
])
model.add_loss(lambda: 0.01 * tf.reduce_sum(model.layers[1].kernel))
model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss='mse')
h = model.fit(x, y, epochs=3, batch_size=2, verbose=0, shuffle=False)
[round(v, 4) for v in h.history['loss']]
[round(float(l), 4) for l in model.losses]
model.layers[0].w
model.evaluate(x, y, verbose=0)
model.evaluate(x, y, verbose=0, shuffle=False, foo=1)
