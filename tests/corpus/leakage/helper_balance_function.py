"""Utility-style training script with helper functions."""
import pandas as pd
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report


def load(path):
    frame = pd.read_csv(path)
    return frame.drop("label", axis=1), frame["label"]


def balance(features, labels, seed=0):
    sampler = BorderlineSMOTE(random_state=seed)
    features_res, labels_res = sampler.fit_resample(features, labels)
    return features_res, labels_res


def train_and_report(features, labels):
    x_tr, x_te, y_tr, y_te = train_test_split(features, labels, test_size=0.25)
    model = LogisticRegression(max_iter=2000).fit(x_tr, y_tr)
    print(classification_report(y_te, model.predict(x_te)))
    return model


X, y = load("reviews_features.csv")
Xb, yb = balance(X, y)
train_and_report(Xb, yb)  # expect: IG301
