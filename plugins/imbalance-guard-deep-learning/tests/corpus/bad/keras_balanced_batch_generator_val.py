import numpy as np
from imblearn.keras import BalancedBatchGenerator
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from tensorflow import keras

X = np.load("X.npy")
y = np.load("y.npy")
X_train, X_val, y_train, y_val = train_test_split(X, y, stratify=y, test_size=0.2)

train_gen = BalancedBatchGenerator(X_train, y_train, sampler=RandomUnderSampler(), batch_size=64)
val_gen = BalancedBatchGenerator(X_val, y_val, sampler=RandomUnderSampler(), batch_size=64)  # error: IGD201

model = keras.Sequential([keras.layers.Dense(16, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(train_gen, validation_data=val_gen, epochs=10)
