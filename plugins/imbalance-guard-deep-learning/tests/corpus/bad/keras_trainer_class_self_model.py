# A trainer class keeps its Keras model on self; a baseline class keeps a scikit-learn one
from sklearn.linear_model import LogisticRegression
from tensorflow import keras


class Baseline:
    def __init__(self):
        self.model = LogisticRegression(max_iter=1000)

    def train(self, X, y):
        self.model.fit(X, y)
        return self


class Trainer:
    def __init__(self, n_features):
        self.model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        self.model.compile(optimizer="adam", loss="binary_crossentropy")

    def train(self, X, y):
        self.model.fit(X, y, epochs=5, validation_split=0.2)  # error: IGD102
