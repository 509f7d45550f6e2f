import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.metrics import classification_report


def split(frame, target):
    X = frame.drop(target, axis=1)
    y = frame[target]
    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)


def undersample(X, y):
    return RandomUnderSampler(random_state=0).fit_resample(X, y)


def evaluate(model, X, y):
    print(classification_report(y, model.predict(X)))


frame = pd.read_csv("occupancy.csv")
X_train, X_test, y_train, y_test = split(frame, "Occupancy")
X_bal, y_bal = undersample(X_train, y_train)
nb = GaussianNB().fit(X_bal, y_bal)
evaluate(nb, X_test, y_test)
