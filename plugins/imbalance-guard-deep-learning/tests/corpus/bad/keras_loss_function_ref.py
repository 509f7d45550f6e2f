import tensorflow as tf
from tensorflow import keras

from prep import load

(train_images, train_labels), (val_images, val_labels) = load("isic-2019")

base = keras.applications.EfficientNetB0(include_top=False, pooling="avg")
head = keras.layers.Dense(8, activation="softmax")(base.output)
model = keras.Model(base.input, head)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss=keras.losses.sparse_categorical_crossentropy)
model.fit(train_images, train_labels, validation_data=(val_images, val_labels), epochs=8)  # error: IGD102
