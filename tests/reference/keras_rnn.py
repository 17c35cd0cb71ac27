import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
K = tf.keras.initializers.Constant(0.1)
R = tf.keras.initializers.Constant(0.2)
x = tf.constant([[[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]], [[-0.1, 0.0], [0.2, 0.2], [0.9, -0.3]]])
s = layers.SimpleRNN(3, kernel_initializer=K, recurrent_initializer=R)
s.name, s.units, s.return_sequences, s.cell.name
s(x)
[w.name for w in s.weights], [w.shape for w in s.weights]
s.count_params()
layers.SimpleRNN(3, kernel_initializer=K, recurrent_initializer=R, return_sequences=True)(x)
layers.SimpleRNN(3, kernel_initializer=K, recurrent_initializer=R, go_backwards=True, return_sequences=True)(x)
layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, activation='relu', bias_initializer='ones')(x)
sb = layers.SimpleRNN(2, use_bias=False)
sb.build((None, 3, 2))
[w.shape for w in sb.weights], sb.use_bias
l = layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)
l(x)
[w.name for w in l.weights], [w.shape for w in l.weights]
l.get_weights()[2]
l.count_params()
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True)(x)
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, unit_forget_bias=False)(x)
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, go_backwards=True)(x)
out = layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, return_state=True)(x)
type(out).__name__, len(out)
out
seq, h, c = layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, return_state=True, return_sequences=True)(x)
seq.shape, h.shape, c.shape
bool(tf.reduce_all(seq[:, -1] == h))
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)(x, initial_state=[tf.ones((2, 2)), tf.fill((2, 2), 0.5)])
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, activation='relu', recurrent_activation='hard_sigmoid')(x)
g = layers.GRU(2, kernel_initializer=K, recurrent_initializer=R)
g(x)
[w.name for w in g.weights], [w.shape for w in g.weights]
g.count_params()
layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, bias_initializer='ones')(x)
layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, bias_initializer='ones', reset_after=False)(x)
gb = layers.GRU(2, reset_after=False)
gb.build((None, 3, 2))
[w.shape for w in gb.weights]
layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True, go_backwards=True)(x)
layers.GRU(3, kernel_initializer=K, recurrent_initializer=R, return_state=True)(x)
layers.GRU(2, kernel_initializer=K, recurrent_initializer=R)(x, initial_state=tf.ones((2, 2)))
lw = layers.LSTM(2)
lw.build((None, 3, 2))
[w.name for w in lw.weights]
lw.set_weights([np.linspace(-0.5, 0.5, 16).reshape(2, 8), np.linspace(0.3, -0.3, 16).reshape(2, 8), np.linspace(-0.1, 0.1, 8)])
lw(x)
gw = layers.GRU(3)
gw.build((None, 3, 2))
gw.set_weights([np.linspace(-0.5, 0.5, 18).reshape(2, 9), np.linspace(0.3, -0.3, 27).reshape(3, 9), np.linspace(-0.1, 0.1, 18).reshape(2, 9)])
gw(x)
s.get_config()
layers.LSTM(4).get_config()
layers.GRU(4, return_sequences=True).get_config()
layers.LSTMCell(2).get_config()
layers.GRUCell(2, reset_after=False).get_config()['reset_after']
layers.SimpleRNNCell(2).get_config()['units']
layers.LSTM(0)
layers.GRU(-1)
layers.LSTM(3)(tf.ones((2, 3)))
layers.LSTM(2, kernel_initializer=K)(tf.ones((1, 2, 3)), initial_state=[tf.ones((1, 2))])
cell = layers.SimpleRNNCell(2, kernel_initializer='ones', recurrent_initializer='ones')
cell(tf.ones((1, 3)), [tf.zeros((1, 2))])
cell(tf.ones((1, 3)), tf.zeros((1, 2)))
[w.name for w in cell.weights]
lc = layers.LSTMCell(2, kernel_initializer='ones', recurrent_initializer='ones')
lc(tf.ones((1, 3)), [tf.zeros((1, 2)), tf.zeros((1, 2))])
lc.state_size, layers.GRUCell(2).state_size, layers.SimpleRNNCell(4).state_size
r = layers.RNN(layers.GRUCell(2, kernel_initializer=K, recurrent_initializer=R), return_sequences=True)
r(x)
r.name, r.cell.name, [w.shape for w in r.weights]
rl = layers.RNN(layers.LSTMCell(2, kernel_initializer=K, recurrent_initializer=R), return_state=True)
[o.shape for o in rl(x)]
layers.RNN(layers.SimpleRNNCell(2)).get_config()['cell']['class_name']
st = layers.SimpleRNN(2, stateful=True, kernel_initializer='ones', recurrent_initializer='ones')
st(tf.ones((1, 2, 1)))
st(tf.ones((1, 2, 1)))
st.reset_states()
st(tf.ones((1, 2, 1)))
layers.LSTM(3).states, layers.LSTM(3, stateful=True).stateful
layers.LSTM(3).reset_states()
d = layers.LSTM(4, dropout=0.5, recurrent_dropout=0.3)
d(x).shape, d(x, training=True).shape, d.dropout, d.recurrent_dropout
layers.GRU(4, dropout=0.2)(x, training=True).shape
layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True)(x, mask=tf.constant([[True, False, True], [True, True, False]]))
layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)(x, mask=tf.constant([[True, True, False], [True, False, False]]))
layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True)(x, mask=tf.constant([[False, True, True], [True, True, True]]))
model = tf.keras.Sequential([layers.Embedding(100, 8, input_length=10), layers.LSTM(16, return_sequences=True), layers.GRU(6), layers.Dense(1)])
model.summary()
[(w.name, w.shape) for w in model.weights]
model.output_shape
sm = tf.keras.Sequential([layers.SimpleRNN(4, input_shape=(5, 3)), layers.Dense(2)])
sm.summary()
sm(tf.ones((2, 5, 3))).shape
me = tf.keras.Sequential([layers.Embedding(5, 2, embeddings_initializer='ones', mask_zero=True), layers.Dense(2, kernel_initializer='ones'), layers.SimpleRNN(1, kernel_initializer='ones', recurrent_initializer='ones', return_sequences=True)])
me(tf.constant([[1, 0, 2]]))
ml = tf.keras.Sequential([layers.Embedding(5, 2, mask_zero=True), layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)])
ml.layers[0].set_weights([np.linspace(-1, 1, 10).reshape(5, 2)])
ml(tf.constant([[1, 2, 0, 0], [3, 0, 4, 0]]))
mn = tf.keras.Sequential([layers.Embedding(5, 2), layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)])
mn.layers[0].set_weights([np.linspace(-1, 1, 10).reshape(5, 2)])
mn(tf.constant([[1, 2, 0, 0], [3, 0, 4, 0]]))
tm = tf.keras.Sequential([layers.LSTM(3, input_shape=(4, 2)), layers.Dense(1)])
tm.compile(optimizer='adam', loss='mse')
hist = tm.fit(np.ones((8, 4, 2)), np.ones((8, 1)), epochs=2, verbose=0)
len(hist.history['loss']), tm.predict(np.ones((2, 4, 2)), verbose=0).shape
lt = layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R)
lt.build((None, 3, 2))
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(lt(x))
[gr.numpy() for gr in tape.gradient(loss, lt.trainable_variables)]
inp = tf.keras.Input(shape=(None,), dtype='int32')
fx = layers.SimpleRNN(1, kernel_initializer='ones', recurrent_initializer='ones', return_sequences=True)(layers.Embedding(5, 2, mask_zero=True, embeddings_initializer='ones')(inp))
fm = tf.keras.Model(inp, fx)
fm(tf.constant([[1, 0, 2]]))
fm(tf.constant([[0, 3, 0], [2, 2, 2]]))
finp = tf.keras.Input(shape=(3, 2))
fseq, fh, fc = layers.LSTM(2, return_sequences=True, return_state=True)(finp)
[t.shape for t in (fseq, fh, fc)]
fl = tf.keras.Model(finp, [fseq, fh])
[o.shape for o in fl(tf.ones((4, 3, 2)))]
