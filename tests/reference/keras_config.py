import json
import numpy as np
import tensorflow as tf
d = tf.keras.layers.Dense(3, activation='relu', input_shape=(4,))
c = d.get_config()
c
d2 = tf.keras.layers.Dense.from_config(c)
d2.get_config() == c
tf.keras.layers.Dense.from_config({'units': 2, 'foo': 1})
tf.keras.layers.Dropout.from_config({'rate': 0.3, 'name': 'dd'}).get_config()
m = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='relu', input_shape=(4,)), tf.keras.layers.Dropout(0.5), tf.keras.layers.Dense(2)])
m.get_config()
m2 = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)])
m2.get_config()
m2.build((None, 5))
m2.get_config()
m3 = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(3)])
m3.get_config()['layers'][0]
inp = tf.keras.Input(shape=(4,), name='x')
h = tf.keras.layers.Dense(3, name='h')(inp)
o1 = tf.keras.layers.Dense(1, name='o1')(h)
o2 = tf.keras.layers.Add(name='plus')([h, h])
f = tf.keras.Model(inp, [o1, o2], name='fm')
f.get_config()
f.to_json()
m.to_json()
json.loads(m.to_json())['class_name']
r = tf.keras.models.model_from_json(m.to_json())
[l.name for l in r.layers]
r.summary()
rf = tf.keras.models.model_from_json(f.to_json())
[l.name for l in rf.layers]
[t.shape for t in rf.outputs]
rf.summary()
c = tf.keras.models.clone_model(m)
[l.name for l in c.layers]
c.get_config()['layers'][1]
c.count_params()
inp2 = tf.keras.Input(shape=(4,), name='y')
g = tf.keras.Model([inp, inp2], [f(inp)[0], tf.keras.layers.Concatenate(name='cc')([inp, inp2])], name='g')
g.get_config()['output_layers']
g.get_config()['input_layers']
[e['name'] for e in g.get_config()['layers']]
g2 = tf.keras.Model.from_config(g.get_config())
[l.name for l in g2.layers]
s = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))], name='inner')
i3 = tf.keras.Input(shape=(3,), name='i3')
k = tf.keras.Model(i3, s(i3), name='outer')
k.get_config()
k2 = tf.keras.Model.from_config(k.get_config())
[l.name for l in k2.layers]
tf.keras.models.model_from_json('{"class_name": "Sequential", "config": {"name": "q", "layers": [{"class_name": "Nope", "config": {}}]}}')
tf.keras.Sequential.from_config({'name': 'sq', 'layers': [{'class_name': 'Dense', 'config': {'units': 4}}]}).get_config()['layers'][0]['config']['units']
