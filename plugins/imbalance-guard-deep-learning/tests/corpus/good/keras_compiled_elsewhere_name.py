from tensorflow import keras

from prep import X_train, y_train, make_model

encoder = keras.Sequential([keras.layers.Dense(8, activation="relu")])
encoder.compile(optimizer="adam", loss="binary_crossentropy")
model = make_model(encoder)
model.fit(X_train, y_train, epochs=3)  # a different model: its loss is not known here
