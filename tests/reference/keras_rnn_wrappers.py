import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
K = tf.keras.initializers.Constant(0.1)
R = tf.keras.initializers.Constant(0.2)
x = tf.constant([[[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]], [[-0.1, 0.0], [0.2, 0.2], [0.9, -0.3]]])
b = layers.Bidirectional(layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R))
b.name, b.merge_mode, b.forward_layer.name, b.backward_layer.name
b.forward_layer.go_backwards, b.backward_layer.go_backwards
b(x)
[w.name for w in b.weights]
b.count_params()
layers.Bidirectional(layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True))(x)
layers.Bidirectional(layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True), merge_mode='sum')(x)
layers.Bidirectional(layers.GRU(2, kernel_initializer=K, recurrent_initializer=R), merge_mode='mul')(x)
layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R), merge_mode='ave')(x)
layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True), merge_mode=None)(x)
bs = layers.Bidirectional(layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R, return_state=True))
o = bs(x)
len(o), [t.shape for t in o]
o[0]
bsn = layers.Bidirectional(layers.GRU(2, kernel_initializer=K, recurrent_initializer=R, return_state=True), merge_mode=None)
[t.shape for t in bsn(x)]
layers.Bidirectional(layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R))(x, initial_state=[tf.ones((2, 2))] * 4)
layers.Bidirectional(layers.LSTM(3), merge_mode='foo')
layers.Bidirectional(3)
layers.Bidirectional(layers.LSTM(3), backward_layer=layers.LSTM(3))
layers.Bidirectional(layers.LSTM(3), backward_layer=layers.LSTM(3, go_backwards=True, return_sequences=True))
bb = layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R), backward_layer=layers.SimpleRNN(2, kernel_initializer=R, recurrent_initializer=K, go_backwards=True))
bb(x)
bb.backward_layer.name
bc = layers.Bidirectional(layers.LSTM(3, return_sequences=True))
bc.get_config()
bc.build((None, 3, 4))
[w.name for w in bc.weights]
bm = layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True))
bm(x, mask=tf.constant([[True, True, False], [True, False, False]]))
model = tf.keras.Sequential([layers.Bidirectional(layers.LSTM(3, return_sequences=True), input_shape=(5, 2)), layers.TimeDistributed(layers.Dense(2)), layers.Masking()])
model.summary()
[(w.name, w.shape) for w in model.weights]
model.output_shape
tm = tf.keras.Sequential([layers.Embedding(20, 4, input_length=6), layers.Bidirectional(layers.GRU(5)), layers.Dense(1)])
tm.summary()
tm(tf.constant([[1, 2, 3, 4, 5, 6]])).shape
t = layers.TimeDistributed(layers.Dense(2, kernel_initializer='ones'))
t(x)
t.name, t.layer.name
[w.name for w in t.weights]
t.get_config()
td = layers.TimeDistributed(layers.Dense(2))
td.build((None, 5, 3))
[w.name for w in td.weights]
td.compute_output_shape((None, 5, 3))
layers.TimeDistributed(layers.Dense(2))(tf.ones((2, 3)))
layers.TimeDistributed(3)
layers.TimeDistributed(layers.Flatten())(tf.ones((2, 3, 2, 2))).shape
layers.TimeDistributed(layers.Conv1D(2, 2, kernel_initializer='ones'))(tf.ones((1, 2, 4, 3)))
layers.TimeDistributed(layers.Dense(2)).compute_mask(tf.ones((1, 3, 2)), tf.constant([[True, False, True]]))
mk = layers.Masking(mask_value=0.0)
xm = tf.constant([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]])
mk(xm)
mk.compute_mask(xm)
mk.get_config(), mk.mask_value, mk.supports_masking
layers.Masking(mask_value=1).get_config()
layers.Masking(-1.0)(tf.constant([[[-1.0, -1.0], [2.0, -1.0]]]))
layers.Masking()(tf.constant([[0.0, 1.0], [0.0, 0.0]]))
mm = tf.keras.Sequential([layers.Masking(input_shape=(3, 2)), layers.LSTM(2, kernel_initializer='ones', recurrent_initializer='ones')])
mm(xm)
mm.summary()
ms = tf.keras.Sequential([layers.Masking(input_shape=(3, 2)), layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True), layers.TimeDistributed(layers.Dense(1, kernel_initializer='ones'))])
ms(tf.constant([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]], [[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]]))
mb = tf.keras.Sequential([layers.Masking(input_shape=(3, 2)), layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R, return_sequences=True))])
mb(xm)
mg = tf.keras.Sequential([layers.Embedding(5, 2, mask_zero=True, embeddings_initializer='ones'), layers.Bidirectional(layers.LSTM(2, kernel_initializer=K, recurrent_initializer=R))])
mg(tf.constant([[1, 2, 0], [3, 0, 0]]))
bt = tf.keras.Sequential([layers.Bidirectional(layers.LSTM(2), input_shape=(4, 3)), layers.Dense(1)])
bt.compile(optimizer='adam', loss='mse')
h = bt.fit(np.ones((4, 4, 3)), np.ones((4, 1)), epochs=2, verbose=0)
len(h.history['loss'])
len(bt.trainable_weights)
lb = layers.Bidirectional(layers.SimpleRNN(2, kernel_initializer=K, recurrent_initializer=R))
lb.build((None, 3, 2))
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(lb(x) * tf.constant([1.0, 2.0, 3.0, 4.0]))
[gr.numpy() for gr in tape.gradient(loss, lb.trainable_variables)]
layers.Bidirectional(layers.LSTM(2)).compute_output_shape((None, 5, 3))
layers.Bidirectional(layers.LSTM(2, return_sequences=True), merge_mode='sum').compute_output_shape((None, 5, 3))
