import pandas as pd
from imblearn.over_sampling import SMOTE
from tensorflow import keras

df = pd.read_csv("creditcard.csv")
X, y = df.drop("Class", axis=1).to_numpy(), df["Class"].to_numpy()
X_sm, y_sm = SMOTE(random_state=42).fit_resample(X, y)

model = keras.Sequential([
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC()])
early = keras.callbacks.EarlyStopping(monitor="val_auc", patience=5, restore_best_weights=True)
history = model.fit(X_sm, y_sm, epochs=50, batch_size=256, validation_split=0.2, callbacks=[early])  # expect: IG301
