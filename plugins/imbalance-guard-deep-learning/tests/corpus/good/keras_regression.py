from tensorflow import keras

from prep import X_train, y_train

reg = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
reg.compile(optimizer="adam", loss="mse", metrics=["mae"])
reg.fit(X_train, y_train, epochs=100, validation_split=0.2,
        callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=10)])
