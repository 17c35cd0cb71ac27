# An LSTM that learns to count: each input is a sequence of 0/1 tokens and the target is
# how many ones it holds. EarlyStopping ends training when the validation loss stops
# improving, ModelCheckpoint keeps the best model in a .keras file, and the best model is
# loaded back and evaluated on sequences it has not seen.
#
#   tensh scripts/sequence_parity.py        (or python3 with TensorFlow 2.15)
import random
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(5)
length = 10


def batch(n, seed):
    rng = random.Random(seed)
    x = np.array([[rng.randint(0, 1) for _ in range(length)] for _ in range(n)], dtype='int32')
    return x, x.sum(axis=1).astype('float32')


x_train, y_train = batch(2000, 1)
x_val, y_val = batch(300, 2)
x_test, y_test = batch(300, 3)

model = tf.keras.Sequential([
    tf.keras.layers.Embedding(2, 8, input_length=length),
    tf.keras.layers.LSTM(16),
    tf.keras.layers.Dense(1),
], name='counter')
model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss='mse', metrics=['mae'])
model.summary()

best = '/tmp/sequence_parity_best.keras'
callbacks = [
    tf.keras.callbacks.EarlyStopping(monitor='val_loss', patience=3, verbose=1),
    tf.keras.callbacks.ModelCheckpoint(best, monitor='val_loss', save_best_only=True, verbose=1),
]
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=30,
                    batch_size=64, callbacks=callbacks, verbose=2)
print('epochs run:', len(history.history['loss']))

restored = tf.keras.models.load_model(best)
loss, mae = restored.evaluate(x_test, y_test, verbose=0)
exact = np.mean(restored.predict(x_test, verbose=0)[:, 0].round() == y_test)
print('best model on new sequences: mae %.3f, counts exactly right %.1f%%' % (mae, 100 * exact))
