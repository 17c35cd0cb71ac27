#!/usr/bin/env python3
"""Checks that files tensh writes load in TensorFlow 2.15 with the same weights and
predictions (the other direction, TensorFlow's files loading in tensh, is covered by
tests/reference/keras_saving.py and the files in tests/interop/).

tensh builds and trains a few models and saves each as `.keras`, `.h5`, HDF5 weights,
`.weights.h5` and a TensorFlow checkpoint (a subclassed model, which Keras saves only as
weights, as the two weights formats), printing its own predictions; the reference
TensorFlow then loads every file and predicts on the same inputs. The script prints one row per file and exits non-zero when
a file fails to load or a prediction differs by more than 1e-5.

  python3 scripts/interop_check.py [--bin target/release/tensh] [--oracle ../shared/reference/tf-oracle]
"""
import argparse, json, os, subprocess, sys, tempfile

MODELS = r'''
import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(11)
x = np.linspace(-1, 1, 32).reshape(8, 4).astype('float32')
y = (x.sum(axis=1, keepdims=True) > 0).astype('float32')
tok = np.array([[1, 2, 3, 4, 5], [0, 9, 8, 7, 6], [3, 3, 3, 0, 0]])
img = np.linspace(0, 1, 2 * 6 * 6 * 1).reshape(2, 6, 6, 1).astype('float32')
models = {}
seq = tf.keras.Sequential([
    tf.keras.layers.Dense(6, activation='relu', input_shape=(4,), name='hidden'),
    tf.keras.layers.Dropout(0.2, name='drop'),
    tf.keras.layers.BatchNormalization(name='bn'),
    tf.keras.layers.Dense(1, activation='sigmoid', name='out'),
], name='seq')
seq.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss='binary_crossentropy', metrics=['accuracy'])
seq.fit(x, y, epochs=3, verbose=0, shuffle=False)
models['seq'] = (seq, 'x')
inp = tf.keras.Input(shape=(4,), name='inp')
a = tf.keras.layers.Dense(3, activation='tanh', name='a')(inp)
b = tf.keras.layers.Dense(3, name='b')(inp)
c = tf.keras.layers.Concatenate(name='cat')([a, b])
fm = tf.keras.Model(inp, tf.keras.layers.Dense(2, name='o')(c), name='fm')
fm.compile(optimizer='sgd', loss='mse')
fm.fit(x, np.ones((8, 2), dtype='float32'), epochs=2, verbose=0, shuffle=False)
models['functional'] = (fm, 'x')
rnn = tf.keras.Sequential([tf.keras.layers.Embedding(10, 3, input_length=5, name='emb'),
                           tf.keras.layers.LSTM(4, name='lstm'),
                           tf.keras.layers.Dense(1, name='d')], name='rnn')
rnn.compile(optimizer='rmsprop', loss='mse')
rnn.fit(tok, np.ones((3, 1), dtype='float32'), epochs=2, verbose=0, shuffle=False)
models['lstm'] = (rnn, 'tok')
cnn = tf.keras.Sequential([tf.keras.layers.Conv2D(3, 3, activation='relu', input_shape=(6, 6, 1), name='conv'),
                           tf.keras.layers.MaxPooling2D(name='pool'),
                           tf.keras.layers.Flatten(name='flat'),
                           tf.keras.layers.Dense(2, name='dense')], name='cnn')
models['conv'] = (cnn, 'img')
class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(4, activation='relu')
        self.blocks = [tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)]
    def call(self, x):
        return self.blocks[1](self.blocks[0](self.d1(x)))

net = Net()
net.compile(optimizer=tf.keras.optimizers.SGD(0.05, momentum=0.9), loss='mse')
net.fit(x, np.ones((8, 2), dtype='float32'), epochs=2, verbose=0, shuffle=False)
models['subclassed'] = (net, 'x')
inputs = {'x': x, 'tok': tok, 'img': img}
ALL = ['.keras', '.h5', '_weights.h5', '.weights.h5', '_ckpt/cp.ckpt']
def kinds(name):
    return ALL[2:] if name == 'subclassed' else ALL
'''

WRITE = MODELS + r'''
import json as _json
out = {}
for name, (m, data) in models.items():
    pred = m.predict(inputs[data], verbose=0)
    opt = getattr(m, 'optimizer', None)
    out[name] = {'pred': pred.tolist(), 'weights': [w.numpy().tolist() for w in m.weights],
                 'opt': [v.numpy().tolist() for v in opt.variables] if opt is not None else []}
    for kind in kinds(name):
        if kind in ('.keras', '.h5'):
            m.save(DIR + '/' + name + kind)
        else:
            m.save_weights(DIR + '/' + name + kind)
print('RESULT ' + _json.dumps(out))
'''

READ = MODELS + r'''
import json as _json
out = {}
for name, (m, data) in models.items():
    for kind in kinds(name):
        path = DIR + '/' + name + kind
        try:
            opt = None
            if kind in ('.keras', '.h5'):
                loaded = tf.keras.models.load_model(path)
                opt = loaded.optimizer
            elif name == 'subclassed':
                loaded = Net()
                if kind.endswith('.ckpt'):
                    loaded.compile(optimizer=type(m.optimizer).from_config(m.optimizer.get_config()), loss='mse')
                loaded(inputs[data])
                loaded.load_weights(path)
            else:
                loaded = tf.keras.models.clone_model(m)
                if kind.endswith('.ckpt') and getattr(m, 'optimizer', None) is not None:
                    loaded.compile(optimizer=type(m.optimizer).from_config(m.optimizer.get_config()), loss='mse')
                loaded.load_weights(path)
            if kind.endswith('.ckpt') and getattr(loaded, 'optimizer', None) is not None:
                # A checkpoint holds the optimizer's state; it is restored as the slots are made.
                loaded.optimizer.build(loaded.trainable_variables)
                opt = loaded.optimizer
            out[name + kind] = {'pred': loaded.predict(inputs[data], verbose=0).tolist(),
                                'weights': [w.numpy().tolist() for w in loaded.weights],
                                'opt': [v.numpy().tolist() for v in opt.variables] if opt is not None else None}
        except Exception as e:
            out[name + kind] = {'error': type(e).__name__ + ': ' + str(e).splitlines()[0]}
print('RESULT ' + _json.dumps(out))
'''


KINDS = ['.keras', '.h5', '_weights.h5', '.weights.h5', '_ckpt/cp.ckpt']


def run(cmd, src):
    with tempfile.NamedTemporaryFile('w', suffix='.py', delete=False) as f:
        f.write(src)
    try:
        r = subprocess.run(cmd + [f.name], capture_output=True, text=True, timeout=900)
    finally:
        os.unlink(f.name)
    for line in r.stdout.splitlines():
        if line.startswith('RESULT '):
            return json.loads(line[7:])
    sys.exit('no result from %s:\n%s\n%s' % (cmd[0], r.stdout[-2000:], r.stderr[-2000:]))


def flat(v):
    if isinstance(v, list):
        for x in v:
            yield from flat(x)
    else:
        yield v


def diff(a, b):
    a, b = list(flat(a)), list(flat(b))
    if len(a) != len(b):
        return float('inf')
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(here, '..', 'target', 'release', 'tensh'))
    ap.add_argument('--oracle', default=os.path.join(here, '..', '..', 'shared', 'reference', 'tf-oracle'))
    a = ap.parse_args()
    if not os.path.exists(a.oracle):
        print('interop_check: skipped, the reference TensorFlow (%s) is not here' % a.oracle)
        return 0
    d = tempfile.mkdtemp(prefix='tensh_interop_')
    wrote = run([a.bin], 'DIR = %r\n' % d + WRITE)
    read = run([a.oracle], 'DIR = %r\n' % d + READ)
    bad = 0
    print('| file written by tensh | loads in TF | max weight diff | max prediction diff | optimizer state |')
    print('|---|---|---|---|---|')
    total = 0
    for name, mine in wrote.items():
        for kind in KINDS[2:] if name == 'subclassed' else KINDS:
            total += 1
            got = read.get(name + kind, {'error': 'missing'})
            if 'error' in got:
                bad += 1
                print('| %s%s | no: %s | | | |' % (name, kind, got['error']))
                continue
            dw = max((diff(x, y) for x, y in zip(mine['weights'], got['weights'])), default=0.0)
            if len(mine['weights']) != len(got['weights']):
                dw = float('inf')
            dp = diff(mine['pred'], got['pred'])
            ok = dw == 0.0 and dp <= 1e-5
            if got.get('opt') is None or not mine['opt']:
                state = ''
            elif len(got['opt']) == len(mine['opt']) and all(
                    diff(x, y) == 0.0 for x, y in zip(mine['opt'], got['opt'])):
                state = 'equal (%d variables)' % len(mine['opt'])
            else:
                state = 'differs'
                ok = False
            bad += not ok
            print('| %s%s | yes | %.3g | %.3g | %s |' % (name, kind, dw, dp, state))
    print('\n%d of %d files load in TensorFlow with equal weights and predictions'
          % (total - bad, total))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
