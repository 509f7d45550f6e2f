import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

df = pd.read_csv("loans.csv")
majority = df[df.default == 0]
minority = df[df.default == 1]
majority_down = resample(majority, replace=False, n_samples=len(minority), random_state=3)
balanced = pd.concat([majority_down, minority])
train, test = train_test_split(balanced, test_size=0.25, random_state=3)  # expect: IG203
rf = RandomForestClassifier().fit(train.drop("default", axis=1), train.default)
print(precision_score(test.default, rf.predict(test.drop("default", axis=1))))
