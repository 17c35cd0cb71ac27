import tensorflow as tf

tf.random.set_seed(0)
x = tf.random.normal([32, 4])
w_true = tf.constant([[1.0], [-2.0], [0.5], [3.0]])
y = tf.matmul(x, w_true) + 0.25

init = tf.keras.initializers.GlorotUniform(seed=3)
model = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu", kernel_initializer=init),
                             tf.keras.layers.Dense(1, kernel_initializer=init)])
loss_fn = tf.keras.losses.MeanSquaredError()
opt = tf.keras.optimizers.SGD(learning_rate=0.05)
train_loss = tf.keras.metrics.Mean(name="train_loss")
print(model(x[:2]).shape)

@tf.function
def train_step(xb, yb):
    print("tracing train_step", xb.shape)
    with tf.GradientTape() as tape:
        pred = model(xb, training=True)
        loss = loss_fn(yb, pred)
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    train_loss(loss)
    return loss

for epoch in range(3):
    train_loss.reset_state()
    for i in range(0, 32, 8):
        l = train_step(x[i:i + 8], y[i:i + 8])
    print(epoch, round(float(train_loss.result()), 4))
print(train_step.experimental_get_tracing_count())
print(int(opt.iterations))
l = train_step(x[:5], y[:5])
print(train_step.experimental_get_tracing_count())

w = tf.Variable(tf.zeros([4, 1]))
b = tf.Variable(0.0)

@tf.function
def manual_step(xb, yb, lr):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(xb, w) + b - yb))
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(lr * dw)
    b.assign_sub(lr * db)
    return loss

for step in range(50):
    loss = manual_step(x, y, 0.1)
print(round(float(loss), 4))
print(manual_step.experimental_get_tracing_count())
print([round(float(v), 2) for v in tf.reshape(w, [-1])], round(float(b), 2))

@tf.function
def accumulate(xs):
    total = tf.zeros([4])
    for row in xs:
        total += row
    return total
print(accumulate(tf.ones([3, 4])))
print(accumulate(tf.ones([5, 4])))
