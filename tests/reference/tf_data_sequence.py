# fit, evaluate and predict on a keras.utils.Sequence: Keras's peek at the first batch, its batch order shuffled with Python's random.shuffle, on_epoch_end after each pass.
import random
import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(2)
x = np.random.rand(50, 3).astype("float32")
y = (x.sum(axis=1) > 1.5).astype("float32")
class Batches(tf.keras.utils.Sequence):
    def __init__(self, x, y, bs):
        self.x, self.y, self.bs = x, y, bs
        self.seen = []
        self.ends = 0
    def __len__(self):
        return int(np.ceil(len(self.x) / self.bs))
    def __getitem__(self, i):
        self.seen.append(i)
        return self.x[i * self.bs:(i + 1) * self.bs], self.y[i * self.bs:(i + 1) * self.bs]
    def on_epoch_end(self):
        self.ends += 1
seq = Batches(x, y, 10)
model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid", input_shape=(3,))])
model.compile(optimizer=tf.keras.optimizers.SGD(0.3), loss="binary_crossentropy")
random.seed(7)
h = model.fit(seq, epochs=3, verbose=0)
print(seq.seen, seq.ends)
print(random.random())
print([round(v, 5) for v in h.history["loss"]])
seq.seen = []
model.evaluate(seq, verbose=0)
print(seq.seen, seq.ends)
seq = Batches(x, y, 16)
print(len(seq))
model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid", input_shape=(3,))])
model.compile(optimizer=tf.keras.optimizers.SGD(0.3), loss="binary_crossentropy")
h = model.fit(seq, epochs=2, verbose=0, shuffle=False)
print([round(v, 5) for v in h.history["loss"]])
print(round(model.evaluate(seq, verbose=0), 5))
print(model.predict(seq, verbose=0).shape)
try:
    model.fit(seq, y, epochs=1)
except ValueError as e:
    print(e)
