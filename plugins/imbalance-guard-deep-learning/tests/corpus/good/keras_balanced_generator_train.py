from imblearn.keras import BalancedBatchGenerator
from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
training = BalancedBatchGenerator(X_train, y_train, batch_size=256)
model.fit(training, epochs=10, validation_data=(X_val, y_val))
