# Gradient descent by hand: fit y = w*x + b with a GradientTape.
#   tensh scripts/gradient_descent.py
import tensorflow as tf

tf.random.set_seed(1)
x = tf.random.uniform([200], -1.0, 1.0)
y = 3.0 * x + 2.0 + tf.random.normal([200], stddev=0.1)

w = tf.Variable(0.0, name="w")
b = tf.Variable(0.0, name="b")
learning_rate = 0.1


def train_step():
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(w * x + b - y))
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)
    b.assign_sub(learning_rate * db)
    return loss


for step in range(100):
    loss = train_step()
    if step % 20 == 0:
        print(f"step {step:3d}  loss {loss.numpy():.5f}  w {w.numpy():.4f}  b {b.numpy():.4f}")
print(f"w = {w.numpy():.3f}, b = {b.numpy():.3f}  (true: 3, 2)")
