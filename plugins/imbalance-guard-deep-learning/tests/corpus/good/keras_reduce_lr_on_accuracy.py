from tensorflow import keras

from prep import X_train, y_train, class_weight

model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(
    X_train, y_train, class_weight=class_weight, validation_split=0.2,
    callbacks=[keras.callbacks.ReduceLROnPlateau(monitor="val_accuracy", factor=0.5),
               keras.callbacks.EarlyStopping(monitor="val_loss", patience=3)],
)
