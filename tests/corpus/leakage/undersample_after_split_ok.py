import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

df = pd.read_csv("loans.csv")
train, test = train_test_split(df, test_size=0.25, stratify=df.default, random_state=3)
majority = train[train.default == 0]
minority = train[train.default == 1]
majority_down = resample(majority, replace=False, n_samples=len(minority), random_state=3)
train_bal = pd.concat([majority_down, minority])
rf = RandomForestClassifier().fit(train_bal.drop("default", axis=1), train_bal.default)
print(precision_score(test.default, rf.predict(test.drop("default", axis=1))))
