import tensorflow as tf
import numpy as np
C = tf.keras.callbacks
x = np.array([[0.1, 0.2], [-0.3, 0.1], [0.5, -0.2], [-0.1, -0.4], [0.3, 0.3], [0.2, -0.1]], dtype='float32')
y = np.array([[0.5], [-0.2], [0.4], [-0.6], [0.7], [0.0]], dtype='float32')
def make(lr=0.1):
    m = tf.keras.Sequential([tf.keras.layers.Dense(1, kernel_initializer='zeros', input_shape=(2,))])
    m.compile(optimizer=tf.keras.optimizers.SGD(lr), loss='mse', metrics=['mae'])
    return m
class Rec(C.Callback):
    def __init__(self):
        super().__init__()
        self.events = []
    def on_train_begin(self, logs=None):
        self.events.append(('train_begin', logs))
    def on_train_end(self, logs=None):
        self.events.append(('train_end', sorted(logs)))
    def on_epoch_begin(self, epoch, logs=None):
        self.events.append(('epoch_begin', epoch, logs))
    def on_epoch_end(self, epoch, logs=None):
        self.events.append(('epoch_end', epoch, {k: round(v, 4) for k, v in logs.items()}))
    def on_train_batch_begin(self, batch, logs=None):
        self.events.append(('batch_begin', batch, logs))
    def on_train_batch_end(self, batch, logs=None):
        self.events.append(('batch_end', batch, {k: round(v, 4) for k, v in logs.items()}))
    def on_test_begin(self, logs=None):
        self.events.append(('test_begin', logs))
    def on_test_end(self, logs=None):
        self.events.append(('test_end', {k: round(v, 4) for k, v in logs.items()}))
    def on_test_batch_begin(self, batch, logs=None):
        self.events.append(('test_batch_begin', batch, logs))
    def on_test_batch_end(self, batch, logs=None):
        self.events.append(('test_batch_end', batch, sorted(logs)))
    def on_predict_begin(self, logs=None):
        self.events.append(('predict_begin', logs))
    def on_predict_end(self, logs=None):
        self.events.append(('predict_end', logs))
    def on_predict_batch_begin(self, batch, logs=None):
        self.events.append(('predict_batch_begin', batch, logs))
    def on_predict_batch_end(self, batch, logs=None):
        self.events.append(('predict_batch_end', batch, sorted(logs), type(logs['outputs']).__name__))
rec = Rec()
rec.model
rec.validation_data
hasattr(rec, 'params')
model = make()
h = model.fit(x, y, epochs=2, batch_size=4, verbose=0, shuffle=False, callbacks=[rec], validation_data=(x[:2], y[:2]))
for e in rec.events: print(e)
rec.model is model
rec.params
h.params
h.epoch
model.history is h
type(h).__name__
isinstance(h, C.Callback)
h.model is model
{k: [round(v, 4) for v in vs] for k, vs in h.history.items()}
rec.events = []
round(model.evaluate(x, y, batch_size=3, verbose=0, callbacks=[rec])[0], 4)
for e in rec.events: print(e)
rec.events = []
model.predict(x, batch_size=4, verbose=0, callbacks=[rec]).shape
for e in rec.events: print(e)
cb = C.Callback()
cb.set_params({'epochs': 3})
cb.params
cb.set_model(model)
cb.model is model
cb.on_epoch_end(0, {})
class Stopper(C.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if epoch == 1:
            self.model.stop_training = True
h = make().fit(x, y, epochs=5, verbose=0, callbacks=[Stopper()])
h.epoch
m = make()
m.stop_training
es = C.EarlyStopping(monitor='loss', patience=2, verbose=1, min_delta=10)
h = m.fit(x, y, epochs=10, verbose=0, callbacks=[es])
len(h.history['loss'])
es.stopped_epoch
es.wait
es.best_epoch
round(es.best, 4)
m.stop_training
es.monitor, es.patience, es.min_delta, es.baseline, es.restore_best_weights
es.monitor_op
C.EarlyStopping().monitor_op
C.EarlyStopping(monitor='val_accuracy').monitor_op
C.EarlyStopping(monitor='auc', min_delta=0.5).min_delta
C.EarlyStopping(min_delta=-0.5).min_delta
C.EarlyStopping(mode='max').monitor_op
m = make(lr=0.5)
es = C.EarlyStopping(monitor='loss', patience=1, verbose=1, min_delta=0.0, restore_best_weights=True, mode='max')
h = m.fit(x, y, epochs=6, verbose=0, callbacks=[es], shuffle=False)
h.epoch
es.best_epoch
[round(float(v), 4) for v in tf.reshape(m.layers[0].kernel, [-1])]
m = make()
es = C.EarlyStopping(monitor='val_loss', patience=0, verbose=1, baseline=0.0001)
h = m.fit(x, y, epochs=4, verbose=0, validation_data=(x, y), callbacks=[es], shuffle=False)
h.epoch
m = make()
es = C.EarlyStopping(monitor='loss', patience=0, verbose=1, min_delta=10, start_from_epoch=2)
h = m.fit(x, y, epochs=6, verbose=0, callbacks=[es], shuffle=False)
h.epoch
m = make()
rl = C.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1, min_delta=10, verbose=1)
h = m.fit(x, y, epochs=4, verbose=0, callbacks=[rl], shuffle=False)
sorted(h.history)
h.history['lr']
type(h.history['lr'][0]).__name__
float(m.optimizer.learning_rate)
rl.wait, rl.best is not None, rl.cooldown_counter
C.ReduceLROnPlateau(factor=1.0)
m = make()
rl = C.ReduceLROnPlateau(monitor='loss', factor=0.1, patience=0, min_delta=10, cooldown=1, min_lr=0.005, verbose=1)
h = m.fit(x, y, epochs=5, verbose=0, callbacks=[rl], shuffle=False)
h.history['lr']
m = make()
ls = C.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1)
h = m.fit(x, y, epochs=3, verbose=0, callbacks=[ls], shuffle=False)
h.history['lr']
m = make()
h = m.fit(x, y, epochs=2, verbose=0, callbacks=[C.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))])
h.history['lr']
h = m.fit(x, y, epochs=1, verbose=0, callbacks=[C.LearningRateScheduler(lambda epoch: 1)])
h = m.fit(x, y, epochs=1, verbose=0, callbacks=[C.LearningRateScheduler(lambda epoch, lr: tf.constant(0.25), verbose=1)])
float(m.optimizer.learning_rate)
import os
path = '/tmp/tensh_cb_test.csv'
if os.path.exists(path): os.remove(path)
m = make()
h = m.fit(x, y, epochs=2, verbose=0, callbacks=[C.CSVLogger(path)], shuffle=False)
lines = open(path).read().splitlines()
lines[0]
len(lines)
[[round(float(v), 4) for v in l.split(',')] for l in lines[1:]]
h = m.fit(x, y, epochs=1, verbose=0, callbacks=[C.CSVLogger(path, separator=';', append=True)], shuffle=False, validation_data=(x, y))
lines = open(path).read().splitlines()
len(lines)
lines[-1].count(';')
h = m.fit(x, y, epochs=1, verbose=0, callbacks=[C.CSVLogger(path, separator=';')], shuffle=False, validation_data=(x, y))
open(path).read().splitlines()[0]
os.remove(path)
out = []
lc = C.LambdaCallback(on_epoch_end=lambda epoch, logs: out.append((epoch, round(logs['loss'], 4))), on_train_begin=lambda logs: out.append('begin'), on_batch_end=lambda batch, logs: out.append(batch))
h = make().fit(x, y, epochs=2, batch_size=4, verbose=0, callbacks=[lc], shuffle=False)
out
lc2 = C.LambdaCallback(on_train_end=lambda logs: print('done', sorted(logs)), extra=5)
lc2.extra
h = make().fit(x, y, epochs=1, verbose=0, callbacks=[lc2])
xn = np.array([[0.1, 0.2], [np.nan, 0.1], [0.5, -0.2], [-0.1, -0.4], [0.3, 0.3], [0.2, -0.1]], dtype='float32')
h = make().fit(xn, y, epochs=3, batch_size=2, verbose=0, callbacks=[C.TerminateOnNaN()], shuffle=False)
h.epoch
len(h.history['loss'])
C.ProgbarLogger(count_mode='x')
C.ProgbarLogger().use_steps
C.ProgbarLogger(count_mode='steps').use_steps
cp = C.ModelCheckpoint('/tmp/tensh_ckpt_{epoch:02d}-{loss:.2f}.h5', monitor='loss', save_best_only=True, save_weights_only=True, verbose=1)
cp.monitor, cp.save_best_only, cp.save_weights_only, cp.save_freq, cp.filepath
cp.best
cp.monitor_op
C.ModelCheckpoint('w.h5', save_freq='often')
C.ModelCheckpoint('w.h5', mode='max').monitor_op
C.ModelCheckpoint('w.h5', monitor='val_acc').best
h = make().fit(x, y, epochs=2, verbose=0, callbacks=[rec, C.History()])
type(h).__name__
h = make().fit(x, y, epochs=1, verbose=0, callbacks=rec)
h = make().fit(x, y, epochs=1, verbose=0, callbacks=[5])
class Printer(C.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        print('begin', epoch)
    def on_epoch_end(self, epoch, logs=None):
        print('end', epoch, sorted(logs))
h = make().fit(x, y, epochs=2, verbose=0, callbacks=[Printer(), C.EarlyStopping(monitor='loss', patience=0, min_delta=100, verbose=1)])
