import pandas as pd
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split


def evaluate(model, X, y):
    """Return the model's accuracy."""
    return accuracy_score(y, model.predict(X))  # expect: IG201 fix


def main():
    df = pd.read_csv("phishing.csv")
    X_train, X_test, y_train, y_test = train_test_split(
        df.drop(columns="label"), df["label"], test_size=0.3, stratify=df["label"]
    )
    sgd = SGDClassifier(loss="log_loss").fit(X_train, y_train)
    print("test", evaluate(sgd, X_test, y_test))


if __name__ == "__main__":
    main()
