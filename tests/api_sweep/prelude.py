import tensorflow as tf
import numpy as np
t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
n = np.array([[1.0, 2.0], [3.0, 4.0]])
class C:
    pass
def probe(call, f):
    try:
        f()
    except Exception as e:
        print(call + "\t" + type(e).__name__)
    else:
        print(call + "\tok")
