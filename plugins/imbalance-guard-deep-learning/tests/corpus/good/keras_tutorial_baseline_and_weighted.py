# TensorFlow tutorial: a baseline fit, then the same model with class weights
from tensorflow import keras


def make_model():
    model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(curve="PR")])
    return model


neg, pos = 284315, 492
class_weight = {0: (1 / neg) * (neg + pos) / 2.0, 1: (1 / pos) * (neg + pos) / 2.0}

baseline = make_model()
baseline.fit(train_features, train_labels, epochs=100)
weighted_model = make_model()
weighted_model.fit(train_features, train_labels, epochs=100, class_weight=class_weight)
