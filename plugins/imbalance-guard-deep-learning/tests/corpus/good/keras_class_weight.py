import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

from prep import X_train, y_train, X_val, y_val

cw = compute_class_weight("balanced", classes=np.unique(y_train), y=y_train)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(curve="PR", name="pr_auc")])
model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=20,
          class_weight=dict(enumerate(cw)),
          callbacks=[keras.callbacks.EarlyStopping(monitor="val_pr_auc", mode="max", patience=4)])
