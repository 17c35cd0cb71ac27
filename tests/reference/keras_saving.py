import os
import json
import numpy as np
import tensorflow as tf
os.makedirs('/tmp/tensh_saving', exist_ok=True)
x = np.linspace(-1, 1, 24).reshape(6, 4).astype('float32')
tok = np.array([[1, 2, 3, 4, 5], [0, 9, 8, 7, 6]])
# Files TensorFlow 2.15 wrote (tests/interop/make_fixtures.py)
m = tf.keras.models.load_model('tests/interop/tf_seq.keras')
type(m).__name__
m.name
[l.name for l in m.layers]
[w.name for w in m.weights]
(m.predict(x, verbose=0)).round(5)
(m.get_layer('hidden').kernel.numpy()).round(5)
(m.get_layer('bn').moving_mean.numpy()).round(5)
m.optimizer.get_config()['learning_rate']
m.optimizer.iterations.numpy()
m.loss
m.summary()
h = tf.keras.models.load_model('tests/interop/tf_seq.h5')
[l.name for l in h.layers]
(h.predict(x, verbose=0)).round(5)
h.optimizer.iterations.numpy()
h.loss.__name__
f = tf.keras.models.load_model('tests/interop/tf_fm.keras')
type(f).__name__
[l.name for l in f.layers]
(f.predict(x, verbose=0)).round(5)
f.summary()
f2 = tf.keras.models.load_model('tests/interop/tf_fm.h5')
(f2.predict(x, verbose=0)).round(5)
r = tf.keras.models.load_model('tests/interop/tf_rnn.keras')
(r.predict(tok, verbose=0)).round(5)
r2 = tf.keras.models.load_model('tests/interop/tf_rnn.h5')
(r2.predict(tok, verbose=0)).round(5)
[w.name for w in r2.weights]
# load_weights from a weights file TensorFlow wrote
s = tf.keras.Sequential([tf.keras.layers.Dense(5, activation='relu', input_shape=(4,), name='hidden'), tf.keras.layers.Dropout(0.1, name='drop'), tf.keras.layers.BatchNormalization(name='bn'), tf.keras.layers.Dense(1, activation='sigmoid', name='out')])
s.load_weights('tests/interop/tf_seq_weights.h5')
(s.predict(x, verbose=0)).round(5)
s.load_weights('tests/interop/tf_seq.h5')
(s.predict(x, verbose=0)).round(5)
small = tf.keras.Sequential([tf.keras.layers.Dense(5, input_shape=(4,))])
small.load_weights('tests/interop/tf_seq_weights.h5')
wrong = tf.keras.Sequential([tf.keras.layers.Dense(6, input_shape=(4,)), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
wrong.load_weights('tests/interop/tf_seq_weights.h5')
# Round trips through tensh's own files
tf.keras.utils.set_random_seed(3)
k = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='relu', input_shape=(4,), kernel_initializer='ones'), tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.5))])
k.compile(optimizer='sgd', loss='mse', metrics=['mae'])
yk = np.arange(12, dtype='float32').reshape(6, 2) / 10
_ = k.fit(x, yk, epochs=1, verbose=0, shuffle=False)
k.optimizer.iterations.numpy()
k.save('/tmp/tensh_saving/k.keras')
k2 = tf.keras.models.load_model('/tmp/tensh_saving/k.keras')
k2.predict(x, verbose=0)
[l.name for l in k2.layers]
k2.loss
k2.optimizer.get_config()['name']
k.save('/tmp/tensh_saving/k.h5')
k3 = tf.keras.models.load_model('/tmp/tensh_saving/k.h5')
k3.predict(x, verbose=0)
k3.loss.__name__
k4 = tf.keras.models.load_model('/tmp/tensh_saving/k.h5', compile=False)
k4.predict(x[:2], verbose=0)
k.save_weights('/tmp/tensh_saving/k_weights.h5')
k5 = tf.keras.models.clone_model(k)
[l.name for l in k5.layers]
k5.load_weights('/tmp/tensh_saving/k_weights.h5')
k5.predict(x[:2], verbose=0)
k.save_weights('/tmp/tensh_saving/k.weights.h5')
k6 = tf.keras.models.clone_model(k)
k6.load_weights('/tmp/tensh_saving/k.weights.h5')
k6.predict(x[:2], verbose=0)
# Errors
tf.keras.models.load_model('/tmp/tensh_saving/missing.keras')
tf.keras.models.load_model('/tmp/tensh_saving/missing.h5')
open('/tmp/tensh_saving/bad.keras', 'w').write('not a model')
tf.keras.models.load_model('/tmp/tensh_saving/bad.keras')
