"""Credit-card fraud with Keras; batches come from a balancing generator module."""
from tensorflow import keras

import mp_fraud_batches

model = keras.Sequential([
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(curve="PR")])
model.fit(mp_fraud_batches.training_batches(), epochs=20)
