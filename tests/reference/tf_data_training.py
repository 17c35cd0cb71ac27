# The same classifier trained on arrays and on a tf.data pipeline (from_tensor_slices -> shuffle -> batch -> prefetch).
import numpy as np
import tensorflow as tf
rng = np.random.RandomState(0)
centers = rng.randn(4, 8) * 3.0
labels = rng.randint(0, 4, 2000)
features = (tf.gather(centers, labels).numpy() + rng.randn(2000, 8)).astype("float32")
x_train, y_train = features[:1600], labels[:1600]
x_test, y_test = features[1600:], labels[1600:]
def make_model():
    m = tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation="relu", input_shape=(8,)),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(4, activation="softmax"),
    ])
    m.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m
tf.keras.utils.set_random_seed(42)
arrays_model = make_model()
h1 = arrays_model.fit(x_train, y_train, batch_size=64, epochs=5, verbose=0)
print([round(v, 3) for v in h1.history["loss"]])
loss1, acc1 = arrays_model.evaluate(x_test, y_test, verbose=0)
print(round(acc1, 3))
tf.keras.utils.set_random_seed(42)
pipeline_model = make_model()
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(1600).batch(64).prefetch(tf.data.AUTOTUNE)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(64)
print(train_ds.element_spec)
h2 = pipeline_model.fit(train_ds, epochs=5, verbose=0, validation_data=test_ds)
print([round(v, 3) for v in h2.history["loss"]])
print([round(v, 3) for v in h2.history["val_accuracy"]])
loss2, acc2 = pipeline_model.evaluate(test_ds, verbose=0)
print(round(acc2, 3))
print(abs(acc1 - acc2) < 0.02)
preds = pipeline_model.predict(test_ds.map(lambda x, y: x), verbose=0)
print(preds.shape, round(float((preds.argmax(axis=1) == y_test).mean()), 3))
