import tensorflow as tf
opt = tf.keras.optimizers.Adam()
opt.learning_rate
opt.iterations
v = tf.Variable([1.0, 2.0])
g = tf.constant([0.5, -0.25])
opt.apply_gradients([(g, v)])
v
opt.apply_gradients(zip([g], [v]))
v.numpy()
s = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
w = tf.Variable(3.0)
for i in range(3):
    with tf.GradientTape() as t:
        l = w * w
    s.apply_gradients([(t.gradient(l, w), w)])
    print(w.numpy())
r = tf.keras.optimizers.RMSprop(0.01)
a = tf.keras.optimizers.Adagrad(0.1)
u = tf.Variable([1.0, -1.0])
for o in [r, a]:
    for i in range(3):
        o.apply_gradients([(tf.constant([0.3, -0.7]), u)])
    print(u.numpy())
opt.learning_rate = 0.01
opt.learning_rate
s.get_config()
s.minimize(lambda: w * w, [w])
w.numpy()
opt.apply_gradients([(None, v)])
opt.iterations.numpy()
tf.keras.optimizers.Adam(learning_rate=0.1).learning_rate.numpy()
