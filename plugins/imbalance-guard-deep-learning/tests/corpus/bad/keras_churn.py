# Telco churn with a small Keras net (26 % churners)
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers

data = pd.read_csv("WA_Fn-UseC_-Telco-Customer-Churn.csv")
X = pd.get_dummies(data.drop(columns=["customerID", "Churn"])).astype("float32")
y = (data["Churn"] == "Yes").astype("int32")
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, stratify=y)

model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(X.shape[1],)),
    layers.Dropout(0.3),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC()])
history = model.fit(X_train, y_train, validation_data=(X_valid, y_valid), epochs=30,  # error: IGD102
                    batch_size=64, verbose=2)
