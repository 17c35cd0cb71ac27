import pprint
import numpy as np
import tensorflow as tf
pprint.pprint({'w': np.array([1.0, 2.0, 3.0]), 'b': np.zeros(2)})
pprint.pprint([np.arange(3), np.arange(4).reshape(2, 2)])
pprint.pprint({'kernel': np.ones((3, 4)), 'name': 'dense'})
pprint.pprint({'t': tf.constant([1, 2, 3])})
pprint.pprint({'shape': tf.TensorShape([None, 28, 28]), 'dtype': tf.float32})
pprint.pprint([tf.float32, tf.int64, tf.bool] * 4)
config = {'units': 64, 'activation': 'relu', 'use_bias': True, 'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'seed': None}}, 'bias_initializer': {'class_name': 'Zeros', 'config': {}}, 'kernel_regularizer': None, 'name': 'dense'}
pprint.pprint(config)
pprint.pp(config)
history = {'loss': [0.5 / (i + 1) for i in range(12)], 'acc': [round(1 - 0.5 / (i + 1), 3) for i in range(12)]}
pprint.pprint(history)
pprint.pprint(history, compact=True, width=70)
pprint.pformat(np.arange(30))
print(pprint.pformat({'arr': np.linspace(0, 1, 5)}, width=30))
