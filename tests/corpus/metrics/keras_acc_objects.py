from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(30,))
h = layers.Dense(64, activation="relu")(inputs)
outputs = layers.Dense(1, activation="sigmoid")(h)
net = keras.Model(inputs, outputs)
net.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss=keras.losses.BinaryCrossentropy(),
    metrics=[keras.metrics.BinaryAccuracy(name="bin_acc")],  # expect: IG201
)
