# Writes the small Keras 2.15 files tensh's interop tests load (run through the oracle).
import tensorflow as tf, numpy as np
tf.keras.utils.set_random_seed(7)
x = np.linspace(-1, 1, 24).reshape(6, 4).astype('float32')
y = (x.sum(axis=1, keepdims=True) > 0).astype('float32')
seq = tf.keras.Sequential([
    tf.keras.layers.Dense(5, activation='relu', input_shape=(4,), name='hidden'),
    tf.keras.layers.Dropout(0.1, name='drop'),
    tf.keras.layers.BatchNormalization(name='bn'),
    tf.keras.layers.Dense(1, activation='sigmoid', name='out'),
], name='seq')
seq.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss='binary_crossentropy', metrics=['accuracy'])
seq.fit(x, y, epochs=2, verbose=0, shuffle=False)
seq.save('tf_seq.keras')
seq.save('tf_seq.h5')
seq.save_weights('tf_seq_weights.h5')
np.save('tf_seq_pred.npy', seq.predict(x, verbose=0))
inp = tf.keras.Input(shape=(4,), name='inp')
a = tf.keras.layers.Dense(3, activation='tanh', name='a')(inp)
b = tf.keras.layers.Dense(3, name='b')(inp)
c = tf.keras.layers.Concatenate(name='cat')([a, b])
o = tf.keras.layers.Dense(2, name='o')(c)
fm = tf.keras.Model(inp, o, name='fm')
fm.save('tf_fm.keras')
fm.save('tf_fm.h5')
np.save('tf_fm_pred.npy', fm.predict(x, verbose=0))
emb = tf.keras.Sequential([tf.keras.layers.Embedding(10, 3, input_length=5, name='emb'), tf.keras.layers.LSTM(4, name='lstm'), tf.keras.layers.Dense(1, name='d')], name='rnn')
tok = np.array([[1, 2, 3, 4, 5], [0, 9, 8, 7, 6]])
emb.predict(tok, verbose=0)
emb.save('tf_rnn.keras')
emb.save('tf_rnn.h5')
np.save('tf_rnn_pred.npy', emb.predict(tok, verbose=0))
print('ok')
# TensorFlow checkpoints (save_weights to a path without an HDF5 suffix)
seq.save_weights('tf_ckpt/seq/cp.ckpt')
emb.save_weights('tf_ckpt/rnn/cp-0001.ckpt')
class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(4, activation='relu')
        self.blocks = [tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)]
    def call(self, x):
        return self.blocks[1](self.blocks[0](self.d1(x)))
net = Net()
net.compile(optimizer=tf.keras.optimizers.SGD(0.05, momentum=0.9), loss='mse')
net.fit(x, np.ones((6, 2), 'float32'), epochs=2, verbose=0, shuffle=False)
net.save_weights('tf_ckpt/sub/w')
print('ok')
