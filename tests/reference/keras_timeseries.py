import numpy as np
import tensorflow as tf
data = np.arange(40, dtype=np.float32).reshape(20, 2)
ds = tf.keras.utils.timeseries_dataset_from_array(data, np.arange(20), sequence_length=4, sequence_stride=2, batch_size=3)
print(ds.element_spec)
print(ds)
for x, y in ds:
    print(x.shape, x[0, :, 0].numpy(), y.numpy())
d2 = tf.keras.utils.timeseries_dataset_from_array(data, None, sequence_length=3, batch_size=4, shuffle=True, seed=5)
print(d2.element_spec)
for x in d2:
    print(x[:, 0, 0].numpy())
d3 = tf.keras.preprocessing.timeseries_dataset_from_array(np.arange(100), np.arange(100) * 10, sequence_length=5, sampling_rate=2, start_index=10, end_index=60, batch_size=None)
print(d3.element_spec, d3.cardinality().numpy())
print([(a.numpy().tolist(), int(b)) for a, b in d3.take(3)])
series = np.sin(np.arange(30) * 0.3)
d4 = tf.keras.utils.timeseries_dataset_from_array(series[:-5], series[5:], sequence_length=5, batch_size=8)
print(d4.element_spec, len(list(d4)))
print(next(iter(d4))[0][:2].numpy())
d5 = tf.keras.utils.timeseries_dataset_from_array(data, data[:, 0], sequence_length=6, sequence_stride=3, batch_size=2, shuffle=True, seed=11)
print([y.numpy().tolist() for _, y in d5])
print(len(d5), d5.cardinality().numpy())
for kw in [dict(start_index=-1), dict(start_index=30), dict(end_index=25), dict(start_index=5, end_index=5), dict(sampling_rate=0), dict(sequence_stride=0), dict(sampling_rate=25), dict(sequence_stride=40), dict(sequence_length=0)]:
    try:
        tf.keras.utils.timeseries_dataset_from_array(data, None, **{'sequence_length': 3, **kw})
    except Exception as e:
        print(type(e).__name__, e)
d6 = tf.keras.utils.timeseries_dataset_from_array(data, None, sequence_length=30)
print(d6.element_spec, len(list(d6)))
