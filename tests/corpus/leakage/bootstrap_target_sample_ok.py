import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("churn.csv")
train, test = train_test_split(df, stratify=df.churn, random_state=2)
clf = LogisticRegression(class_weight="balanced").fit(train.drop("churn", axis=1), train.churn)
test = test.assign(pred=clf.predict(test.drop("churn", axis=1)))
f1s = []
for b in range(1000):
    target = test.sample(n=500, replace=True, random_state=b)
    f1s.append(f1_score(target.churn, target.pred))
print("95% CI", np.percentile(f1s, [2.5, 97.5]))
