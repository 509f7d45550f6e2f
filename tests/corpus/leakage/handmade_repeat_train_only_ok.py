import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("stroke.csv")
train, test = train_test_split(df, stratify=df.stroke, random_state=7)
minority = train[train.stroke == 1]
train_up = pd.concat([train] + [minority] * 10)
idx = np.flatnonzero(train.stroke == 1)
extra = train.iloc[np.tile(idx, 2)]
train_up = pd.concat([train_up, extra])
clf = LogisticRegression(max_iter=500).fit(train_up.drop("stroke", axis=1), train_up.stroke)
print(f1_score(test.stroke, clf.predict(test.drop("stroke", axis=1))))
