import tensorflow as tf
from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint

from prep import load_arrays

X_train, y_train, X_val, y_val, class_weights = load_arrays()

m = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"),
                         tf.keras.layers.Dense(1, activation="sigmoid")])
m.compile("adam", loss="binary_crossentropy", metrics=["accuracy", tf.keras.metrics.AUC(name="auc")])
callbacks = [
    EarlyStopping(monitor="val_accuracy", patience=3, restore_best_weights=True),  # error: IGD301
    ModelCheckpoint("best.h5", monitor="val_accuracy", save_best_only=True),  # error: IGD301
]
m.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=50, callbacks=callbacks,
      class_weight=class_weights)
