# TensorFlow "imbalanced data" tutorial shape: the weighted model forgot its weights
import tensorflow as tf
from tensorflow import keras


def make_model(output_bias=None):
    model = keras.Sequential(
        [keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=keras.losses.BinaryCrossentropy())
    return model


weighted_model = make_model()
weighted_model.fit(train_features, train_labels, epochs=100, validation_data=(val_features, val_labels))  # error: IGD102
