# Keras MNIST example with early stopping on accuracy
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(
    x_train, y_train, validation_split=0.1,
    callbacks=[keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3)],
)
