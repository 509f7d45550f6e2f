import pandas as pd
from imblearn.metrics import geometric_mean_score
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

df = pd.read_csv("mammography.csv")
X, y = df.iloc[:, :-1], df.iloc[:, -1]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=5)
svc = LinearSVC(class_weight="balanced").fit(X_tr, y_tr)
p = svc.predict(X_te)
print(accuracy_score(y_te, p), geometric_mean_score(y_te, p))
