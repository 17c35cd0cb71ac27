import os
import shutil
import numpy as np
import tensorflow as tf
shutil.rmtree('/tmp/tensh_tc', ignore_errors=True)
tf.keras.utils.set_random_seed(5)
x = np.linspace(-1, 1, 12).reshape(4, 3).astype('float32')
net = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), kernel_initializer='ones', name='d')])
opt = tf.keras.optimizers.Adam(0.1)
ckpt = tf.train.Checkpoint(step=tf.Variable(1), optimizer=opt, net=net)
type(ckpt).__name__
ckpt.step
ckpt.save_counter
ckpt.net is net
path = ckpt.save('/tmp/tensh_tc/one/ckpt')
path
ckpt.save('/tmp/tensh_tc/one/ckpt')
sorted(os.listdir('/tmp/tensh_tc/one'))
print(open('/tmp/tensh_tc/one/checkpoint').read())
tf.train.list_variables('/tmp/tensh_tc/one/ckpt-2')
tf.train.latest_checkpoint('/tmp/tensh_tc/one')
# A custom training loop with a manager keeping the last three
manager = tf.train.CheckpointManager(ckpt, '/tmp/tensh_tc/managed', max_to_keep=3)
manager.latest_checkpoint
manager.checkpoints
def step():
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x) - 1.0))
    grads = tape.gradient(loss, net.trainable_variables)
    opt.apply_gradients(zip(grads, net.trainable_variables))
    return loss

for i in range(5):
    loss = step()
    ckpt.step.assign_add(1)
    print(int(ckpt.step), manager.save(), round(float(loss), 5))

manager.checkpoints
sorted(os.listdir('/tmp/tensh_tc/managed'))
lines = open('/tmp/tensh_tc/managed/checkpoint').read().splitlines()
[l for l in lines if 'timestamp' not in l]
len([l for l in lines if 'timestamp' in l])
manager.save(checkpoint_number=100)
ckpt.save_counter.numpy()
# Restoring into fresh objects: the model now, the optimizer's slots when it makes them
net2 = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), name='d')])
opt2 = tf.keras.optimizers.Adam(0.5)
ckpt2 = tf.train.Checkpoint(step=tf.Variable(0), optimizer=opt2, net=net2)
status = ckpt2.restore(manager.latest_checkpoint)
type(status).__name__
int(ckpt2.step)
ckpt2.save_counter.numpy()
opt2.learning_rate.numpy()
opt2.iterations.numpy()
np.abs(net2(x).numpy() - net(x).numpy()).max() < 1e-6
with tf.GradientTape() as tape:
    loss2 = tf.reduce_mean(tf.square(net2(x) - 1.0))
opt2.apply_gradients(zip(tape.gradient(loss2, net2.trainable_variables), net2.trainable_variables))
_ = step()
np.abs(net2(x).numpy() - net(x).numpy()).max() < 1e-6
type(status.assert_existing_objects_matched()).__name__
# The managed directory read back by a new manager
m2 = tf.train.CheckpointManager(ckpt, '/tmp/tensh_tc/managed', max_to_keep=2)
[os.path.basename(p) for p in m2.checkpoints]
os.path.basename(m2.latest_checkpoint)
m2.save()
[os.path.basename(p) for p in m2.checkpoints]
sorted(os.listdir('/tmp/tensh_tc/managed'))
# Nothing to restore yet
st0 = ckpt2.restore(tf.train.latest_checkpoint('/tmp/tensh_tc/empty'))
type(st0).__name__
try:
    st0.assert_consumed()
except AssertionError as e:
    print(e)
_ = st0.expect_partial()
w = ckpt.write('/tmp/tensh_tc/written')
w
tf.train.latest_checkpoint('/tmp/tensh_tc')
tf.train.Checkpoint(x=3)
tf.train.Checkpoint(model=net).restore('/tmp/tensh_tc/missing')
