import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import KFold, cross_val_score

stroke = pd.read_csv("healthcare-dataset-stroke-data.csv").dropna()
X = pd.get_dummies(stroke.drop(columns=["id", "stroke"]))
y = stroke["stroke"]

kf = KFold(n_splits=5, shuffle=True, random_state=1)  # expect: IG202 fix
rf_clf = RandomForestClassifier(n_estimators=400, class_weight="balanced")
scores = cross_val_score(rf_clf, X, y, cv=kf, scoring="roc_auc")
print(scores.mean(), scores.std())
