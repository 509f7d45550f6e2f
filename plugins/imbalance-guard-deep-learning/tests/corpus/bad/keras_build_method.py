# Churn: the model is built by a method and fitted in another
from tensorflow import keras


class ChurnExperiment:
    def build(self, n_features):
        model = keras.Sequential(
            [keras.Input((n_features,)), keras.layers.Dense(32, activation="relu"),
             keras.layers.Dense(3, activation="softmax")]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model

    def run(self, X, y):
        classifier = self.build(X.shape[1])
        classifier.fit(X, y, epochs=30)  # error: IGD102
