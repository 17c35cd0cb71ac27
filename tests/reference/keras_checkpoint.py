import os
import re
import shutil
import numpy as np
import tensorflow as tf
x = np.linspace(-1, 1, 24).reshape(6, 4).astype('float32')
y = (x.sum(axis=1, keepdims=True) > 0).astype('float32')
tok = np.array([[1, 2, 3, 4, 5], [0, 9, 8, 7, 6]])
# Checkpoints TensorFlow 2.15 wrote (tests/interop/make_fixtures.py)
tf.train.latest_checkpoint('tests/interop/tf_ckpt/seq')
tf.train.latest_checkpoint('tests/interop/tf_ckpt/rnn/')
tf.train.latest_checkpoint('tests/interop/tf_ckpt/nothing_here')
tf.train.list_variables('tests/interop/tf_ckpt/seq')
tf.train.list_variables('tests/interop/tf_ckpt/rnn/cp-0001.ckpt')
def seq_model():
    return tf.keras.Sequential([tf.keras.layers.Dense(5, activation='relu', input_shape=(4,), name='hidden'), tf.keras.layers.Dropout(0.1, name='drop'), tf.keras.layers.BatchNormalization(name='bn'), tf.keras.layers.Dense(1, activation='sigmoid', name='out')], name='seq')
s = seq_model()
status = s.load_weights('tests/interop/tf_ckpt/seq/cp.ckpt')
type(status).__name__
(s.predict(x, verbose=0)).round(5)
(s.get_layer('bn').moving_variance.numpy()).round(5)
try:
    status.assert_consumed()
except AssertionError as e:
    print(e)
type(status.assert_existing_objects_matched()).__name__
type(status.assert_nontrivial_match()).__name__
type(status.expect_partial()).__name__
# A compiled model takes the optimizer's state too, learning rate included
c = seq_model()
c.compile(optimizer=tf.keras.optimizers.Adam(0.5), loss='binary_crossentropy')
_ = c.load_weights('tests/interop/tf_ckpt/seq/cp.ckpt')
c.optimizer.learning_rate.numpy()
c.optimizer.iterations.numpy()
c.optimizer.build(c.trainable_variables)
[v.numpy().round(5) for v in c.optimizer.variables]
# A recurrent model
r = tf.keras.Sequential([tf.keras.layers.Embedding(10, 3, input_length=5, name='emb'), tf.keras.layers.LSTM(4, name='lstm'), tf.keras.layers.Dense(1, name='d')])
r.build((None, 5))
_ = r.load_weights('tests/interop/tf_ckpt/rnn/cp-0001.ckpt')
(r.predict(tok, verbose=0)).round(5)
# A subclassed model, by its attribute names
class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(4, activation='relu')
        self.blocks = [tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)]
    def call(self, x):
        return self.blocks[1](self.blocks[0](self.d1(x)))

net = Net()
_ = net(x)
_ = net.load_weights('tests/interop/tf_ckpt/sub/w')
(net.predict(x, verbose=0)).round(5)
[w.name for w in net.weights]
# Round trips through tensh's own checkpoints
tf.keras.utils.set_random_seed(3)
k = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='relu', input_shape=(4,), kernel_initializer='ones', name='k1'), tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.5), name='k2')])
k.compile(optimizer='adam', loss='mse')
_ = k.fit(x, np.ones((6, 2)), epochs=2, verbose=0, shuffle=False)
shutil.rmtree('/tmp/tensh_ckpt', ignore_errors=True)
k.save_weights('/tmp/tensh_ckpt/a/cp-0001.ckpt')
k.save_weights('/tmp/tensh_ckpt/a/cp-0002.ckpt')
sorted(os.listdir('/tmp/tensh_ckpt/a'))
print(open('/tmp/tensh_ckpt/a/checkpoint').read())
tf.train.latest_checkpoint('/tmp/tensh_ckpt/a')
tf.train.list_variables('/tmp/tensh_ckpt/a/cp-0001.ckpt')
k2 = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='relu', input_shape=(4,)), tf.keras.layers.Dense(2)])
_ = k2.load_weights(tf.train.latest_checkpoint('/tmp/tensh_ckpt/a'))
(k2.predict(x, verbose=0)).round(5)
k3 = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='relu', input_shape=(4,)), tf.keras.layers.Dense(2)])
k3.compile(optimizer='adam', loss='mse')
_ = k3.load_weights('/tmp/tensh_ckpt/a/cp-0002.ckpt')
_ = k3.fit(x, np.ones((6, 2)), epochs=1, verbose=0, shuffle=False)
_ = k.fit(x, np.ones((6, 2)), epochs=1, verbose=0, shuffle=False)
np.abs(k3.predict(x, verbose=0) - k.predict(x, verbose=0)).max() < 1e-6
k3.optimizer.iterations.numpy()
wrong = tf.keras.Sequential([tf.keras.layers.Dense(5, input_shape=(4,), name='w1'), tf.keras.layers.Dense(2, name='w2')])
wrong.load_weights('/tmp/tensh_ckpt/a/cp-0002.ckpt')
k2.load_weights('/tmp/tensh_ckpt/missing')
bigger = tf.keras.Sequential([tf.keras.layers.Dense(3, input_shape=(4,), name='p'), tf.keras.layers.Dense(2, name='q'), tf.keras.layers.Dense(1, name='extra')])
st = bigger.load_weights('/tmp/tensh_ckpt/a/cp-0002.ckpt')
try:
    st.assert_existing_objects_matched()
except AssertionError as e:
    print(str(e)[:160], sorted(re.findall("'([a-z0-9_/:]+)'", str(e))))
# The Keras callback writes one per epoch and keeps the checkpoint file current
cb = tf.keras.callbacks.ModelCheckpoint('/tmp/tensh_ckpt/cb/cp-{epoch:04d}.ckpt', save_weights_only=True, verbose=1)
_ = k.fit(x, np.ones((6, 2)), epochs=2, verbose=0, shuffle=False, callbacks=[cb])
sorted(os.listdir('/tmp/tensh_ckpt/cb'))
tf.train.latest_checkpoint('/tmp/tensh_ckpt/cb')
open('garbage.index', 'wb').write(b'not a table' * 8)
try:
    k2.load_weights('garbage')
except Exception as e:
    print(type(e).__name__, e)
os.remove('garbage.index')
# A subclassed model not yet built takes its values when it makes its variables
net2 = Net()
st2 = net2.load_weights('tests/interop/tf_ckpt/sub/w')
(net2.predict(x, verbose=0)).round(5)
[v.numpy().round(5).tolist() for v in net2.blocks[1].weights]
