import tensorflow as tf
K = tf.keras
L = tf.keras.layers
def same(l):
    c = l.get_config()
    return getattr(L, type(l).__name__).from_config(c).get_config() == c
d = L.Dense(3, activation='relu', use_bias=False, kernel_initializer='ones', kernel_regularizer='l2', name='d1')
d.get_config()
same(d)
L.Dense.from_config(d.get_config()).name
L.Dense.from_config(d.get_config()).use_bias
dr = L.Dropout(0.3, noise_shape=(None, 1), seed=3)
dr.get_config()
same(dr)
L.Dropout.from_config(dr.get_config()).rate
L.Flatten(data_format='channels_first').get_config()
same(L.Flatten(data_format='channels_first'))
L.Activation('tanh').get_config()
same(L.Activation('tanh'))
float(L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5).get_config()['negative_slope'])
L.ReLU.from_config(L.ReLU(max_value=6.0, name='r6').get_config()).name
L.LeakyReLU(alpha=0.2).get_config()
same(L.LeakyReLU(alpha=0.2))
L.Softmax(axis=1).get_config()
L.BatchNormalization(momentum=0.9, epsilon=0.01, center=False).get_config()
same(L.BatchNormalization(momentum=0.9, epsilon=0.01, center=False))
[L.Add().get_config(), L.Subtract().get_config(), L.Multiply().get_config()]
[same(L.Average()), same(L.Maximum()), same(L.Minimum())]
L.Concatenate(axis=1).get_config()
L.Dot(axes=1, normalize=True).get_config()
same(L.Dot(axes=(1, 2)))
L.InputLayer(input_shape=(3,)).get_config()
c1 = L.Conv1D(4, 3, strides=2, padding='same', activation='relu')
c1.get_config()
same(c1)
c2 = L.Conv2D(4, (3, 3), dilation_rate=2, groups=1, bias_initializer='ones')
c2.get_config()
same(c2)
L.Conv1DTranspose(4, 3, strides=2).get_config()
L.Conv2DTranspose(4, 3, output_padding=1, strides=2).get_config()
same(L.Conv2DTranspose(4, 3, output_padding=1, strides=2))
L.DepthwiseConv1D(3, depth_multiplier=2).get_config()
L.DepthwiseConv2D(3, depth_multiplier=2).get_config()
same(L.DepthwiseConv2D(3, depth_multiplier=2))
L.SeparableConv1D(4, 3).get_config()
L.SeparableConv2D(4, 3, depth_multiplier=2).get_config()
same(L.SeparableConv2D(4, 3, depth_multiplier=2))
L.MaxPooling1D(3, strides=1).get_config()
L.MaxPooling2D((2, 2), padding='same').get_config()
L.AveragePooling1D(2).get_config()
L.AveragePooling2D(2).get_config()
[same(L.MaxPooling1D(3, strides=1)), same(L.MaxPooling2D((2, 2), padding='same')), same(L.AveragePooling1D(2)), same(L.AveragePooling2D(2))]
L.GlobalAveragePooling1D(keepdims=True).get_config()
L.GlobalMaxPooling2D(keepdims=True).get_config()
[same(L.GlobalAveragePooling2D()), same(L.GlobalMaxPooling1D())]
L.Reshape((2, 3)).get_config()
same(L.Reshape((2, 3)))
L.ZeroPadding2D(((1, 2), (3, 4))).get_config()
L.Cropping2D(1).get_config()
[same(L.ZeroPadding2D(((1, 2), (3, 4)))), same(L.Cropping2D(1))]
L.UpSampling2D(2, interpolation='bilinear').get_config()
same(L.UpSampling2D(2, interpolation='bilinear'))
L.Permute((2, 1)).get_config()
L.RepeatVector(3).get_config()
[same(L.Permute((2, 1))), same(L.RepeatVector(3))]
L.Rescaling(1/255., offset=0.5).get_config()
same(L.Rescaling(1/255., offset=0.5))
L.Normalization(axis=-1).get_config()
L.Normalization(mean=[1.0, 2.0], variance=[1.0, 4.0]).get_config()
same(L.Normalization(mean=[1.0, 2.0], variance=[1.0, 4.0]))
L.LayerNormalization(epsilon=1e-3).get_config()
same(L.LayerNormalization(epsilon=1e-3))
[L.SpatialDropout1D(0.2).get_config(), L.SpatialDropout2D(0.2).get_config(), L.SpatialDropout3D(0.2).get_config()]
[same(L.SpatialDropout1D(0.2)), same(L.SpatialDropout2D(0.2)), same(L.SpatialDropout3D(0.2))]
L.GaussianNoise(0.1, seed=1).get_config()
L.GaussianDropout(0.1).get_config()
[same(L.GaussianNoise(0.1, seed=1)), same(L.GaussianDropout(0.1))]
L.PReLU(shared_axes=[1]).get_config()
same(L.PReLU(shared_axes=[1]))
L.ELU(alpha=0.5).get_config()
same(L.ELU(alpha=0.5))
e = L.Embedding(10, 4, mask_zero=True, input_length=5)
e.get_config()
same(e)
L.Masking(mask_value=1.0).get_config()
same(L.Masking(mask_value=1.0))
L.SimpleRNNCell(3).get_config()
L.LSTMCell(3, dropout=0.1).get_config()
L.GRUCell(3, reset_after=False).get_config()
[same(L.SimpleRNNCell(3)), same(L.LSTMCell(3, dropout=0.1)), same(L.GRUCell(3, reset_after=False))]
L.SimpleRNN(3, return_sequences=True).get_config()
L.LSTM(3, return_state=True, go_backwards=True).get_config()
L.GRU(3, unroll=True).get_config()
[same(L.SimpleRNN(3, return_sequences=True)), same(L.LSTM(3, return_state=True)), same(L.GRU(3, unroll=True))]
r = L.RNN(L.LSTMCell(3))
r.get_config()
L.RNN.from_config(r.get_config()).get_config()['cell']['class_name']
b = L.Bidirectional(L.LSTM(3), merge_mode='sum')
b.get_config()
same(b)
L.Bidirectional.from_config(b.get_config()).merge_mode
td = L.TimeDistributed(L.Dense(2))
td.get_config()
same(td)
L.Dense(2, foo=1)
L.Dropout(0.1, bar=2)
L.Dense.from_config({'units': 2, 'foo': 1})
o = K.optimizers.Adam(learning_rate=0.01, beta_1=0.8)
o.get_config()
K.optimizers.Adam.from_config(o.get_config()).get_config()
K.optimizers.SGD(0.1, momentum=0.9, nesterov=True).get_config()
K.optimizers.RMSprop().get_config()
K.optimizers.serialize(K.optimizers.SGD())
type(K.optimizers.deserialize({'class_name': 'SGD', 'config': {'learning_rate': 0.5}})).__name__
K.optimizers.get('adam').get_config()['learning_rate']
K.losses.MeanSquaredError().get_config()
K.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1).get_config()
K.losses.SparseCategoricalCrossentropy(from_logits=True).get_config()
K.losses.BinaryCrossentropy.from_config(K.losses.BinaryCrossentropy(label_smoothing=0.2).get_config()).get_config()
type(K.losses.deserialize({'class_name': 'MeanAbsoluteError', 'config': {}})).__name__
K.losses.CategoricalCrossentropy().get_config()
K.losses.MeanAbsoluteError().get_config()
lo = K.losses.MeanSquaredError.from_config(K.losses.MeanSquaredError().get_config())
(type(lo).__name__, lo.get_config())
K.losses.serialize(K.losses.MeanSquaredError())
K.losses.get('mse').__name__
K.losses.deserialize('mean_squared_error').__name__
K.losses.get('categorical_crossentropy').__name__
K.metrics.Mean(name='m').get_config()
K.metrics.Accuracy().get_config()
K.metrics.BinaryAccuracy(threshold=0.7).get_config()
K.metrics.SparseCategoricalAccuracy().get_config()
K.metrics.AUC().get_config()
K.metrics.Precision(thresholds=0.3).get_config()
K.metrics.MeanSquaredError().get_config()
K.metrics.serialize(K.metrics.Mean())
K.metrics.get('accuracy').__name__
K.metrics.get('mse').__name__
K.initializers.GlorotUniform().get_config()
K.initializers.RandomNormal(0.0, 0.5).get_config()
K.initializers.Constant(3.0).get_config()
K.initializers.Zeros().get_config()
K.initializers.serialize(K.initializers.HeNormal())
type(K.initializers.deserialize({'class_name': 'Ones', 'config': {}})).__name__
type(K.initializers.get('glorot_uniform')).__name__
K.initializers.RandomUniform.from_config({'minval': -1.0, 'maxval': 1.0, 'seed': None}).get_config()
K.regularizers.L2(0.1).get_config()
K.regularizers.L1L2(l1=0.1, l2=0.2).get_config()
K.regularizers.L1(0.3).get_config()
K.regularizers.serialize(K.regularizers.L2(0.1))
K.regularizers.get('l2').get_config()
K.regularizers.L2.from_config({'l2': 0.5}).get_config()
K.constraints.MaxNorm(2).get_config()
K.constraints.NonNeg().get_config()
K.constraints.UnitNorm(axis=1).get_config()
K.constraints.MinMaxNorm(0.1, 2.0).get_config()
K.constraints.serialize(K.constraints.MaxNorm(2))
type(K.constraints.get('non_neg')).__name__
K.activations.serialize(K.activations.relu)
K.activations.deserialize('relu').__name__
K.activations.get('tanh').__name__
K.activations.get(None).__name__
K.layers.serialize(K.layers.Dense(2))
K.layers.deserialize({'class_name': 'Dense', 'config': {'units': 3}}).get_config()
class MyL(K.layers.Layer):
    def __init__(self, units=2, **kw):
        super().__init__(**kw)
        self.units = units
    def get_config(self):
        c = super().get_config()
        c['units'] = self.units
        return c
m = MyL(5, name='my')
m.get_config()
class Plain(K.layers.Layer):
    pass
Plain(name='p').get_config()
MyL(3).get_config()['units']
L.Flatten(data_format='channels_first')(tf.reshape(tf.range(12.0), (1, 2, 3, 2))).numpy().tolist()
