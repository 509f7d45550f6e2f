import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("cardio.csv", sep=";")
df = df.sample(frac=1, random_state=0).reset_index(drop=True)   # shuffle only
small = df.sample(n=20000, random_state=0)                       # smaller working copy
X, y = small.drop(columns=["id", "cardio"]), small["cardio"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
clf = HistGradientBoostingClassifier(class_weight="balanced").fit(X_train, y_train)
print(f1_score(y_test, clf.predict(X_test)))
