from tensorflow.keras import Input, Model
from tensorflow.keras.layers import Dense, Concatenate, Flatten, Conv2D, MaxPool2D, Dropout
from tensorflow import keras
import tensorflow as tf
inp = Input(shape=(28, 28, 1), name='img')
x = Conv2D(8, 3, activation='relu')(inp)
x = MaxPool2D()(x)
x = Flatten()(x)
a = Dense(16, activation='relu')(x)
b = Dense(16, activation='relu')(x)
x = Concatenate()([a, b])
x = Dropout(0.5)(x)
out = Dense(10, activation='softmax', name='out')(x)
m = Model(inputs=inp, outputs=out, name='cnn')
m.summary()
m2 = keras.models.Model(inp, out)
m2.name
keras.Model(inputs=[inp], outputs={'y': out}).output_shape
m.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
m.layers[1].name, m.layers[-1].output_shape
print(m.output.shape, len(m.trainable_variables))
