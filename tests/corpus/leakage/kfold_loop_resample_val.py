import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import KFold
from sklearn.metrics import f1_score
from sklearn.ensemble import ExtraTreesClassifier

df = pd.read_csv("train.csv")
X, y = df.drop("target", axis=1).values, df.target.values
ros = RandomOverSampler()
kf = KFold(n_splits=4, shuffle=True)
scores = []
for tr, va in kf.split(X):
    Xtr, ytr = ros.fit_resample(X[tr], y[tr])
    Xva, yva = ros.fit_resample(X[va], y[va])  # expect: IG302
    clf = ExtraTreesClassifier().fit(Xtr, ytr)
    scores.append(f1_score(yva, clf.predict(Xva)))
print(np.mean(scores))
