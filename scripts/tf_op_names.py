#!/usr/bin/env python3
"""Prints the ALIASES rows of src/nn/tf_op_names.rs: for every TensorFlow function tensh
has, its canonical TensorFlow name when that differs from the path (the name Keras gives
the TFOpLambda layer the function becomes on a symbolic tensor).

Run it with the reference Python (it imports TensorFlow 2.15):
    ~/.cache/tensh-oracle/bin/python scripts/tf_op_names.py target/release/tensh
"""
import subprocess, sys

WALK = r'''
import tensorflow as tf
def walk(m, prefix, depth):
    for n in dir(m):
        if n.startswith('_') or n == 'keras':
            continue
        v = getattr(m, n)
        if type(v).__name__ == 'module':
            if depth < 3:
                walk(v, prefix + n + '.', depth + 1)
        elif callable(v) and not isinstance(v, type) and not n[0].isupper():
            print(prefix + n)
walk(tf, 'tf.', 0)
'''

def main():
    tensh = sys.argv[1] if len(sys.argv) > 1 else 'target/release/tensh'
    paths = subprocess.run([tensh, '-c', WALK], capture_output=True, text=True).stdout.split()
    import tensorflow as tf
    from tensorflow.python.util import tf_export
    rows = []
    for p in paths:
        try:
            obj = eval(p, {'tf': tf})
            c = tf_export.get_canonical_name_for_symbol(obj, api_name='tensorflow',
                                                        add_prefix_to_v1_names=True)
        except Exception:
            continue
        if c and 'tf.' + c != p:
            rows.append((p, 'tf.' + c))
    # Keras names tf.shape after the op its dispatcher reaches.
    rows.append(('tf.shape', 'tf.compat.v1.shape'))
    for p, c in sorted(set(rows)):
        print('    ("%s", "%s"),' % (p, c))

main()
