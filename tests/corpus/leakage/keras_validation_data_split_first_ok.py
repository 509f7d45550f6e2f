import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from tensorflow import keras

df = pd.read_csv("creditcard.csv")
X, y = df.drop("Class", axis=1).to_numpy(), df["Class"].to_numpy()
X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_sm, y_sm = SMOTE(random_state=42).fit_resample(X_tr, y_tr)

model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC()])
model.fit(X_sm, y_sm, epochs=50, validation_data=(X_val, y_val))
