"""Same helpers, used in the right order."""
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
    return sampler.fit_resample(features, labels)


def main():
    X, y = load("reviews_features.csv")
    x_tr, x_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y)
    x_tr, y_tr = balance(x_tr, y_tr)
    model = LogisticRegression(max_iter=2000).fit(x_tr, y_tr)
    print(classification_report(y_te, model.predict(x_te)))


if __name__ == "__main__":
    main()
