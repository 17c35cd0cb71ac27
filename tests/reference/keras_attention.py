import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
q = tf.constant([[[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]], [[-0.3, 0.8, 0.1], [0.2, 0.2, -0.7]]])
v = tf.constant([[[0.5, -0.1, 0.2], [0.3, 0.9, -0.4], [0.0, 0.1, 0.7]], [[0.6, 0.2, -0.2], [-0.5, 0.4, 0.3], [0.1, -0.8, 0.9]]])
k = tf.constant([[[0.2, 0.1, -0.3], [0.7, 0.0, 0.5], [-0.2, 0.4, 0.1]], [[0.3, -0.6, 0.2], [0.1, 0.1, 0.1], [0.8, 0.3, -0.5]]])
vm = tf.constant([[True, True, False], [True, False, False]])
qm = tf.constant([[True, False], [True, True]])
def show(t):
    return np.asarray(t).round(4)
def fill(layer):
    layer.set_weights([(tf.sin(tf.range(w.size, dtype=tf.float32) * 0.7 + i) * 0.5).numpy().reshape(w.shape) for i, w in enumerate(layer.get_weights())])
a = layers.Attention()
a.name, a.use_scale, a.score_mode, a.dropout, a.built
show(a([q, v]))
a.built, a.weights, a.count_params()
show(a([q, v, k]))
res = a([q, v], return_attention_scores=True)
type(res).__name__, len(res)
o, s = res
show(s)
o.shape, s.shape
show(a([q, v], mask=[None, vm]))
show(a([q, v], mask=[qm, vm]))
show(a([q, v], mask=[qm, vm], return_attention_scores=True)[1])
show(a([q, v], use_causal_mask=True, return_attention_scores=True)[1])
show(a([q, v], use_causal_mask=True, mask=[qm, vm]))
show(a([q, v, k], mask=[qm, vm, None]))
a.get_config()
a2 = layers.Attention(use_scale=True)
show(a2([q, v]))
[w.name for w in a2.weights], [w.shape for w in a2.weights], a2.count_params()
a2.scale
a2.scale.assign(2.0).numpy()
show(a2([q, v]))
a3 = layers.Attention(score_mode='concat')
show(a3([q, v, k]))
[w.name for w in a3.weights]
a4 = layers.Attention(use_scale=True, score_mode='concat', name='att4')
a4([q, v]).shape
a4.set_weights([np.array(0.5, dtype='float32'), np.array(1.5, dtype='float32')])
show(a4([q, v]))
[w.name for w in a4.weights], len(a4.trainable_weights), len(a4.non_trainable_weights)
a4.get_config()
a5 = layers.Attention()
a5.build([(None, 2, 3), (None, 3, 3)])
a5.built, a5.weights
layers.Attention(use_scale=True, score_mode='concat').compute_output_shape([(None, 2, 3), (None, 3, 3)])
layers.Attention(score_mode='add')
layers.Attention()(q)
layers.Attention()([q])
layers.Attention()([q, v, k, k])
layers.Attention()([q, v], mask=vm)
layers.Attention()([q, v], mask=[vm])
layers.Attention()([q, tf.ones((2, 3, 4))])
layers.Attention(dropout=0.5).get_config()
show(layers.Attention(dropout=0.5)([q, v], training=False))
layers.Attention(dropout=0.5)([q, v], training=True).shape
ad = layers.AdditiveAttention()
ad.use_scale, ad.dropout
ad.build([(None, 2, 3), (None, 3, 3)])
[w.name for w in ad.weights], [w.shape for w in ad.weights]
ad.set_weights([np.array([0.5, -1.0, 2.0], dtype='float32')])
show(ad([q, v]))
show(ad([q, v, k], return_attention_scores=True)[1])
show(ad([q, v], mask=[qm, vm]))
show(ad([q, v], use_causal_mask=True))
ad.get_config()
ad2 = layers.AdditiveAttention(use_scale=False)
show(ad2([q, v, k]))
ad2.weights, ad2.count_params()
ad3 = layers.AdditiveAttention()
ad3([q, v]).shape
ad3.scale.name, ad3.scale.shape
layers.AdditiveAttention()(q)
ad.compute_mask([q, v], mask=[qm, vm]).numpy()
ad.compute_mask([q, v], mask=None)
ad.compute_mask([q, v], mask=[None, vm])
m = layers.MultiHeadAttention(num_heads=2, key_dim=2)
m.name, m.built
y = m(q, v)
y.shape, m.built
[w.name for w in m.weights]
[w.shape for w in m.weights]
m.count_params(), len(m.trainable_weights), len(m.non_trainable_weights)
fill(m)
show(m(q, v))
o, s = m(q, v, return_attention_scores=True)
s.shape
show(s)
m(q, v, key=q)
show(m(q, v, attention_mask=vm[:, tf.newaxis, :]))
show(m(q, v, attention_mask=vm[:, tf.newaxis, :], return_attention_scores=True)[1])
show(m(q, q, use_causal_mask=True, return_attention_scores=True)[1])
show(m(q, v, use_causal_mask=True, return_attention_scores=True)[1])
show(m(q, v, key=k))
m.get_config()
m2 = layers.MultiHeadAttention(2, 3, value_dim=4, use_bias=False, output_shape=5, kernel_initializer='ones', name='mh')
m2.get_config()['query_shape'], m2.get_config()['attention_axes']
y2 = m2(q, v)
y2.shape
[(w.name, w.shape) for w in m2.weights]
m2.count_params()
m2.get_config()
m3 = layers.MultiHeadAttention(num_heads=1, key_dim=2, output_shape=(2, 3))
m3(q, v).shape, [w.shape for w in m3.weights]
x4 = tf.reshape(tf.range(48, dtype=tf.float32) / 48.0, (2, 2, 3, 4))
m4 = layers.MultiHeadAttention(num_heads=2, key_dim=2)
o4, s4 = m4(x4, x4, return_attention_scores=True)
o4.shape, s4.shape, [w.shape for w in m4.weights]
fill(m4)
show(m4(x4, x4))
show(m4(x4, x4, return_attention_scores=True)[1][0, 0, 1])
m5 = layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=2)
m5.get_config()['attention_axes']
o5, s5 = m5(x4, x4, return_attention_scores=True)
o5.shape, s5.shape
fill(m5)
show(m5(x4, x4)[1])
m5.get_config()['attention_axes']
layers.MultiHeadAttention(num_heads=2)
layers.MultiHeadAttention(2, 2)(q)
m(q, tf.ones((2, 3, 4)))
hasattr(m, 'key_dim'), m._num_heads, m._key_dim, m._value_dim
mb = layers.MultiHeadAttention(num_heads=2, key_dim=2, kernel_initializer='ones', bias_initializer='zeros')
show(mb(q, v))
mb(q, v, training=True).shape
md = layers.MultiHeadAttention(num_heads=2, key_dim=2, dropout=0.5, kernel_initializer='ones')
show(md(q, v, training=False))
md.get_config()['dropout']
inp = tf.keras.Input(shape=(4, 8))
att = layers.MultiHeadAttention(num_heads=2, key_dim=4)(inp, inp)
h = layers.Add()([inp, att])
h = layers.LayerNormalization()(h)
out = layers.Dense(8)(h)
model = tf.keras.Model(inp, out)
model.summary()
att.shape
model.count_params()
[w.name for w in model.layers[1].weights]
model(tf.ones((1, 4, 8))).shape
i1 = tf.keras.Input(shape=(2, 3))
i2 = tf.keras.Input(shape=(3, 3))
ao = layers.Attention(name='att')([i1, i2])
mm = tf.keras.Model([i1, i2], ao)
mm.summary()
show(mm([q, v]))
ao2, sc2 = layers.Attention()([i1, i2], return_attention_scores=True)
ao2.shape, sc2.shape
show(tf.keras.Model([i1, i2], sc2)([q, v]))
e = layers.Embedding(10, 3, mask_zero=True, embeddings_initializer=tf.keras.initializers.Constant(0.1))
iq = tf.keras.Input(shape=(None,), dtype='int32')
iv = tf.keras.Input(shape=(None,), dtype='int32')
at = layers.Attention()([e(iq), e(iv)])
pm = tf.keras.Model([iq, iv], at)
show(pm([tf.constant([[1, 2, 0]]), tf.constant([[3, 0, 0, 4]])]))
q_in = tf.keras.Input(shape=(3, 4))
mask_in = tf.keras.Input(shape=(3, 3), dtype='bool')
mo = layers.MultiHeadAttention(1, 2, kernel_initializer='ones')(q_in, q_in, attention_mask=mask_in)
mk = tf.keras.Model([q_in, mask_in], mo)
mk.summary()
xx = tf.reshape(tf.range(24, dtype=tf.float32) / 24.0, (2, 3, 4))
tri = tf.constant([[[True, False, False], [True, True, False], [True, True, True]]] * 2)
show(mk([xx, tri]))
j1 = tf.keras.Input(shape=(None,), dtype='int32')
j2 = tf.keras.Input(shape=(None,), dtype='int32')
e2 = layers.Embedding(10, 3, mask_zero=True, embeddings_initializer=tf.keras.initializers.Constant(0.2))
ea, es = layers.Attention()([e2(j1), e2(j2)], return_attention_scores=True)
show(tf.keras.Model([j1, j2], es)([tf.constant([[1, 2, 0]]), tf.constant([[3, 0, 4, 0]])]))
pooled = layers.GlobalAveragePooling1D()(ea)
show(tf.keras.Model([j1, j2], pooled)([tf.constant([[1, 2, 0]]), tf.constant([[3, 0, 4, 0]])]))
e3 = layers.Embedding(10, 4, mask_zero=True)
ids = tf.keras.Input(shape=(None,), dtype='int32')
ex = e3(ids)
mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, kernel_initializer='ones', bias_initializer='zeros')
my, msc = mha(ex, ex, return_attention_scores=True)
e3.set_weights([(tf.cos(tf.range(40, dtype=tf.float32)) * 0.5).numpy().reshape(10, 4)])
ids_data = tf.constant([[1, 2, 0], [3, 0, 0]])
show(tf.keras.Model(ids, msc)(ids_data))
my.shape, msc.shape
show(tf.keras.Model(ids, my)(ids_data))
K1 = tf.keras.initializers.Constant(0.1)
tin = tf.keras.Input(shape=(3, 2))
th = layers.MultiHeadAttention(2, 2, kernel_initializer=K1)(tin, tin)
tout = layers.Dense(1, kernel_initializer='ones')(layers.Flatten()(th))
tmodel = tf.keras.Model(tin, tout)
tmodel.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss='mse')
xs = tf.reshape(tf.range(12, dtype=tf.float32) / 12.0, (2, 3, 2))
ys = tf.constant([[1.0], [2.0]])
hist = tmodel.fit(xs, ys, epochs=3, verbose=0)
[round(l, 4) for l in hist.history['loss']]
show(tmodel.layers[1].get_weights()[0][:, 0])
with tf.GradientTape() as tape:
    tl = tf.reduce_sum(tmodel(xs))
g = tape.gradient(tl, tmodel.trainable_weights)
len(g), [t.shape for t in g][:4]
show(g[6])
show(g[0][:, 1])
layers.Attention()([tf.ones((2, 3)), tf.ones((2, 3))], use_causal_mask=True).shape
layers.MultiHeadAttention(2, 2)(tf.ones((3,)), tf.ones((3,)))
layers.MultiHeadAttention(2, 2, attention_axes=5)(tf.ones((1, 2, 3)), tf.ones((1, 2, 3)))
layers.MultiHeadAttention(2, 2, attention_axes=(1, 2))(tf.ones((1, 2, 3)), tf.ones((1, 2, 3))).shape
layers.MultiHeadAttention(2, 2, output_shape=[])(tf.ones((1, 2, 3)), tf.ones((1, 2, 3))).shape
layers.MultiHeadAttention(2, 2)(tf.ones((1, 2, 3)), tf.ones((1, 2, 3)), attention_mask=tf.ones((5, 7)))
layers.MultiHeadAttention(2, 2)(tf.ones((1, 2, 3)), tf.ones((1, 2, 3)), tf.ones((1, 4, 3)))
layers.MultiHeadAttention(2, 2, dropout=0.5)(tf.ones((1, 2, 3)), tf.ones((1, 2, 3)), training=True).shape
layers.Attention(dropout=1.0)([tf.ones((1, 2, 3)), tf.ones((1, 2, 3))], training=True)
layers.Softmax().name, layers.Dropout(0.1).name
mc = layers.MultiHeadAttention(2, 2)
mc.compute_output_shape((None, 4, 8), (None, 5, 8))
mc.compute_output_shape((None, 4, 8), (None, 5, 6))
mc.compute_output_shape((None, 4, 8), (None, 5, 8), (None, 6, 8))
layers.MultiHeadAttention(2, 2, output_shape=(3, 2)).compute_output_shape((None, 4, 8), (None, 5, 8))
mc.compute_output_shape(query_shape=(2, 4, 8), value_shape=(2, 5, 8))
mc.compute_output_shape((2, 4, 8))
