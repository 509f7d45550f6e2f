import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import cross_val_score, StratifiedKFold
from xgboost import XGBClassifier

bank = pd.read_csv("bank-full.csv", sep=";")
bank["y"] = (bank["y"] == "yes").astype(int)
bank = pd.get_dummies(bank, drop_first=True)
X, y = bank.drop("y", axis=1), bank["y"]

X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(XGBClassifier(), X_sm, y_sm, cv=skf, scoring="f1")  # expect: IG301
print("F1 %.3f +- %.3f" % (scores.mean(), scores.std()))
