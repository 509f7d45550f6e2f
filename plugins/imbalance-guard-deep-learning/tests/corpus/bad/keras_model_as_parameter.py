# A training helper that compiles whatever model it is given
import tensorflow as tf


def train(model, X, y):
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model.fit(X, y, epochs=10)  # error: IGD102


history = train(tf.keras.Sequential([tf.keras.layers.Dense(4, activation="softmax")]), X, Y)
