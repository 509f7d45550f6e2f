# A subclassed Keras model for fraud detection
from tensorflow import keras


class FraudNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(64, activation="relu")
        self.out = keras.layers.Dense(1, activation="sigmoid")

    def call(self, x):
        return self.out(self.hidden(x))


net = FraudNet()
net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(curve="PR")])
history = net.fit(X_train, y_train, epochs=10, batch_size=2048)  # error: IGD102
