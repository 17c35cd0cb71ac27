# An MLP on the 1,797 8x8 handwritten digits (UCI optdigits, shipped with tensh):
#   tensh scripts/digits_mlp.py
# The same file runs under Python with TensorFlow and scikit-learn installed.
import tensorflow as tf
from sklearn.datasets import load_digits

tf.random.set_seed(1)
digits = load_digits()
x = tf.constant(digits.data / 16.0, dtype=tf.float32)
y = tf.constant(digits.target)
order = tf.random.shuffle(tf.range(len(digits.target)))
x, y = tf.gather(x, order), tf.gather(y, order)
x_train, y_train = x[:1437], y[:1437]
x_test, y_test = x[1437:], y[1437:]

model = tf.keras.Sequential([
    tf.keras.layers.Dense(128, activation="relu", input_shape=(64,)),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, epochs=40, batch_size=32, validation_split=0.1, verbose=2)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test loss {loss:.4f}, test accuracy {accuracy:.4f}")
