# A scikit-learn model on self.model is not the Keras self.model of another class
from sklearn.linear_model import LogisticRegression
from tensorflow import keras


class KerasTrainer:
    def __init__(self):
        self.model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        self.model.compile(optimizer="adam", loss="binary_crossentropy")

    def train(self, X, y, weights):
        self.model.fit(X, y, sample_weight=weights)


class SklearnTrainer:
    def __init__(self):
        self.model = LogisticRegression()

    def train(self, X, y):
        self.model.fit(X, y)
