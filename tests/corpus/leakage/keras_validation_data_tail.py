import numpy as np
import pandas as pd
from imblearn.over_sampling import ADASYN
from tensorflow import keras

data = pd.read_csv("telco_churn.csv")
X = data.drop(columns=["customerID", "Churn"]).to_numpy(dtype="float32")
y = (data["Churn"] == "Yes").astype(int).to_numpy()
X_ad, y_ad = ADASYN().fit_resample(X, y)
perm = np.random.permutation(len(y_ad))
X_ad, y_ad = X_ad[perm], y_ad[perm]
n_val = len(y_ad) // 5
X_fit, y_fit = X_ad[n_val:], y_ad[n_val:]
X_chk, y_chk = X_ad[:n_val], y_ad[:n_val]

net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
net.fit(X_fit, y_fit, epochs=20, validation_data=(X_chk, y_chk))  # expect: IG301
