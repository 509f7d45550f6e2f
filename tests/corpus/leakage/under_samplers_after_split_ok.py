import pandas as pd
from imblearn.under_sampling import (
    AllKNN,
    CondensedNearestNeighbour,
    NeighbourhoodCleaningRule,
    RepeatedEditedNearestNeighbours,
)
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import classification_report

df = pd.read_csv("yeast.csv")
X, y = df.drop("cls", axis=1), df.cls
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=5)
for sampler in [AllKNN(), CondensedNearestNeighbour(), NeighbourhoodCleaningRule(), RepeatedEditedNearestNeighbours()]:
    Xs, ys = sampler.fit_resample(X_train, y_train)
    knn = KNeighborsClassifier().fit(Xs, ys)
    print(type(sampler).__name__)
    print(classification_report(y_test, knn.predict(X_test)))
