import tensorflow as tf

# Training steps under tf.function, called many times: every call after the first runs
# the same graph on new batches, and must do exactly what TensorFlow's graph does.
tf.keras.utils.set_random_seed(7)
x = tf.random.uniform([96, 12])
labels = tf.random.uniform([96], 0, 5, dtype=tf.int32)
onehot = tf.one_hot(labels, 5)
y_reg = tf.reduce_sum(x, axis=1, keepdims=True) * 0.3

def make(act=None, out=5):
    init = tf.keras.initializers.GlorotUniform(seed=11)
    return tf.keras.Sequential([
        tf.keras.layers.Dense(16, activation="relu", kernel_initializer=init, input_shape=(12,)),
        tf.keras.layers.Dropout(0.25),
        tf.keras.layers.Dense(out, activation=act, kernel_initializer=init)])

model = make()
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
opt = tf.keras.optimizers.SGD(0.1)

@tf.function
def step(xb, yb):
    with tf.GradientTape() as tape:
        loss = loss_fn(yb, model(xb, training=False))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    return loss

losses = []
for i in range(0, 96, 16):
    losses.append(round(float(step(x[i:i + 16], labels[i:i + 16])), 5))
print(losses)
print(int(opt.iterations), step.experimental_get_tracing_count())
print([round(float(tf.reduce_sum(w)), 4) for w in model.weights])

# The learning rate is read from its variable on every call.
opt.learning_rate.assign(0.5)
print(round(float(step(x[:16], labels[:16])), 5))
opt.learning_rate = 0.01
print(round(float(step(x[16:32], labels[16:32])), 5))
print(round(float(opt.learning_rate), 4), int(opt.iterations))

# A smaller last batch is a new trace; the first shape's graph still serves its batches.
print(round(float(step(x[:10], labels[:10])), 5), step.experimental_get_tracing_count())
print(round(float(step(x[32:48], labels[32:48])), 5), step.experimental_get_tracing_count())

# A label out of range raises on the call that has it, and the variables are unchanged.
bad = tf.concat([labels[:15], tf.constant([9])], 0)
before = [w.numpy().copy() for w in model.weights]
try:
    step(x[:16], bad)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError")
print(all(bool(tf.reduce_all(w == b)) for w, b in zip(model.weights, before)))
print(round(float(step(x[48:64], labels[48:64])), 5))

# Adam and one-hot crossentropy; RMSprop and mean squared error with a linear head.
m2 = make()
cce = tf.keras.losses.CategoricalCrossentropy(from_logits=True)
adam = tf.keras.optimizers.Adam(0.01)

@tf.function
def step2(xb, yb):
    with tf.GradientTape() as tape:
        logits = m2(xb, training=False)
        loss = cce(yb, logits) + 0.001 * tf.add_n([tf.nn.l2_loss(w) for w in m2.trainable_variables])
    grads = tape.gradient(loss, m2.trainable_variables)
    adam.apply_gradients(zip(grads, m2.trainable_variables))
    return loss, tf.reduce_mean(tf.cast(tf.argmax(logits, 1) == tf.argmax(yb, 1), tf.float32))

for epoch in range(3):
    out = [step2(x[i:i + 32], onehot[i:i + 32]) for i in range(0, 96, 32)]
    print(epoch, [(round(float(l), 4), round(float(a), 4)) for l, a in out])
print(int(adam.iterations), [round(float(tf.reduce_sum(v)), 4) for v in adam.variables[1:3]])

m3 = make(out=1)
mse = tf.keras.losses.MeanSquaredError()
rms = tf.keras.optimizers.RMSprop(0.005, momentum=0.5)

@tf.function
def step3(xb, yb):
    with tf.GradientTape() as tape:
        loss = mse(yb, m3(xb)) * 0.5 + tf.cast(tf.shape(xb)[0], tf.float32) * 0.0
    grads = tape.gradient(loss, m3.trainable_variables)
    rms.apply_gradients(zip(grads, m3.trainable_variables))
    return loss

print([round(float(step3(x[i:i + 24], y_reg[i:i + 24])), 5) for i in range(0, 96, 24)])
print([round(float(step3(x[i:i + 24], y_reg[i:i + 24])), 5) for i in range(0, 96, 24)])

# Variables written in the step, read after it, and returned.
count = tf.Variable(0, dtype=tf.int64)
total = tf.Variable(0.0)
scale = tf.constant(2.0)

@tf.function
def track(v):
    count.assign_add(1)
    total.assign(total + tf.reduce_max(v) * scale)
    return count, total * 1.0

for i in range(4):
    c, t = track(x[i])
print(int(c), round(float(t), 4), int(count), round(float(total), 4))
total.assign(-1.0)
c, t = track(x[5])
print(int(c), round(float(t), 4))

# An input signature with an open batch dimension: every batch size runs the same trace.
w = tf.Variable(tf.ones([12, 1]) * 0.1)

@tf.function(input_signature=[tf.TensorSpec([None, 12], tf.float32)])
def predict(v):
    return tf.nn.sigmoid(tf.matmul(v, w))

print(predict(x[:3]).numpy().round(4).tolist())
print(predict(x[:3]).shape, predict(x[:7]).shape, predict(x[:3]).shape)
w.assign_add(tf.ones([12, 1]))
print(predict(x[:2]).numpy().round(4).tolist(), predict.experimental_get_tracing_count())

# Training-mode dropout draws new noise on every call.
@tf.function
def noisy(v):
    return model.layers[1](v, training=True)

a, b = noisy(tf.ones([4, 8])), noisy(tf.ones([4, 8]))
print(a.shape, bool(tf.reduce_all((a == 0) | (a == tf.constant(1 / 0.75)))))
