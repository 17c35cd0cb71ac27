# The code cells of the seed notebook (../shared/seed/000_cb3b2d4614476adf.txt), in order.
# Run with: tensh --keep-going scripts/seed_notebook.py

# %% In [1]:

import tensorflow as tf

# %% In [2]:

x = tf.random.normal([4, 784])
net = tf.keras.layers.Dense(512)
out = net(x)

print("After net transform, shape of out : ", out.shape)
print("Shape of w : ", net.kernel.shape)
print("Shape of bias : ", net.bias.shape)

# %% In [3]:

net = tf.keras.layers.Dense(10)

# %% In [4]:

# bias 还未创建
net.bias

# %% In [5]:

print("net's weight: ", net.get_weights())
print("net's weight: ", net.weights)

# %% In [6]:

# build net , 可以多次创建
net.build(input_shape=(None, 4))
print("Shape of w : ", net.kernel.shape)
print("Shape of bias : ", net.bias.shape)

# %% In [7]:

net.build(input_shape=(None, 20))
print("Shape of w : ", net.kernel.shape)
print("Shape of bias : ", net.bias.shape)

# %% In [8]:

# Sequential 容器

x = tf.random.normal([2, 3])

model = tf.keras.Sequential([
    tf.keras.layers.Dense(2, activation='relu'),
    tf.keras.layers.Dense(2, activation='relu'),
    tf.keras.layers.Dense(2),
])

model.build(input_shape=[None, 3])
print("model Summary : \n", model.summary())

# %% In [9]:

for p in model.trainable_variables:
    print(p.name, p.shape)

# %% In [11]:

# sigmoid function

a = tf.linspace(-6., 6, 10)
print("sigmoid(a) = ", tf.sigmoid(a))

# %% In [13]:

x = tf.random.normal([1, 28, 28]) * 5

tf.reduce_min(x), tf.reduce_max(x)

# %% In [14]:

x = tf.sigmoid(x)

tf.reduce_min(x), tf.reduce_max(x)

# %% In [15]:

b = tf.linspace(-2., 2, 5)
tf.nn.softmax(b)

# %% In [16]:

logits = tf.random.uniform([1, 10], minval=-2, maxval=2)
print("Logits : ", logits)

# %% In [17]:

prob = tf.nn.softmax(logits, axis=1)
print("Probability of logits : ", prob)

print("Sum of probs :", tf.reduce_sum(prob, axis=1))

# %% In [18]:

a = tf.fill([4], 0.25)
print("Entropy of a, ", -tf.reduce_sum(a * tf.math.log(a) / tf.math.log(2.)))

# %% In [19]:

a = tf.constant([0.1, 0.1, 0.1, 0.7])
print("Entropy of a, ", -tf.reduce_sum(a * tf.math.log(a) / tf.math.log(2.)))

# %% In [20]:

a = tf.constant([0.01, 0.01, 0.01, 0.97])
print("Entropy of a, ", -tf.reduce_sum(a * tf.math.log(a) / tf.math.log(2.)))

# %% In [21]:

# 交叉熵
tf.losses.categorical_crossentropy([0, 1, 0, 0], [0.25, 0.25, 0.25, 0.25])

# %% In [22]:

tf.losses.categorical_crossentropy([0, 1, 0, 0], [0.1, 0.7, 0.1, 0.1])
