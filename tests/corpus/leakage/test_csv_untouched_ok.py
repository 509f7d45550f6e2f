import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
X_tr, y_tr = SMOTE().fit_resample(train.drop("target", axis=1), train.target)
rf = RandomForestClassifier().fit(X_tr, y_tr)
print(f1_score(test.target, rf.predict(test.drop("target", axis=1))))
