import os
import numpy as np
import tensorflow as tf
os.makedirs("/tmp/tensh_saving_custom", exist_ok=True)
class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
    def call(self, x):
        return x * self.factor
    def get_config(self):
        c = super().get_config()
        c['factor'] = self.factor
        return c
s = Scale(3.0, name='sc')
s.get_config()
s2 = Scale.from_config(s.get_config())
s2.factor, s2.name
Scale.from_config({'factor': 2.0, 'bogus': 1})
class Plain(tf.keras.layers.Layer):
    def call(self, x):
        return x
Plain().get_config()
Plain.from_config({'name': 'pp', 'trainable': False}).trainable
class M(tf.keras.Model):
    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.d = tf.keras.layers.Dense(units)
    def call(self, x):
        return self.d(x)
M.from_config({'units': 3}).units
M.from_config({'unitz': 3})
m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), kernel_initializer='ones'), Scale(3.0, name='scale')])
m.get_config()['layers'][2]
m.save('/tmp/tensh_saving_custom/cu.keras')
tf.keras.models.load_model('/tmp/tensh_saving_custom/cu.keras')
r = tf.keras.models.load_model('/tmp/tensh_saving_custom/cu.keras', custom_objects={'Scale': Scale})
r.predict(np.ones((1, 3)), verbose=0)
r.layers[1].factor
m.save('/tmp/tensh_saving_custom/cu.h5')
tf.keras.models.load_model('/tmp/tensh_saving_custom/cu.h5')
r2 = tf.keras.models.load_model('/tmp/tensh_saving_custom/cu.h5', custom_objects={'Scale': Scale})
r2.predict(np.ones((1, 3)), verbose=0)
with tf.keras.utils.custom_object_scope({'Scale': Scale}):
    r3 = tf.keras.models.load_model('/tmp/tensh_saving_custom/cu.keras')
r3.layers[1].get_config()
