import pandas as pd
from imblearn.under_sampling import AllKNN, NeighbourhoodCleaningRule
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

df = pd.read_csv("yeast.csv")
X, y = df.drop("cls", axis=1), df.cls
results = {}
for name, sampler in {"allknn": AllKNN(), "ncr": NeighbourhoodCleaningRule()}.items():
    Xs, ys = sampler.fit_resample(X, y)
    X_train, X_test, y_train, y_test = train_test_split(Xs, ys, stratify=ys)  # expect: IG203
    results[name] = KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test)
print(results)
