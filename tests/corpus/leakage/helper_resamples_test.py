import pandas as pd
from imblearn.under_sampling import TomekLinks
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import f1_score


def clean_overlap(X, y):
    return TomekLinks().fit_resample(X, y)


df = pd.read_csv("spam.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop("spam", axis=1), df.spam, stratify=df.spam)
X_train, y_train = clean_overlap(X_train, y_train)
X_test, y_test = clean_overlap(X_test, y_test)  # expect: IG302
svc = SVC().fit(X_train, y_train)
print(f1_score(y_test, svc.predict(X_test)))
