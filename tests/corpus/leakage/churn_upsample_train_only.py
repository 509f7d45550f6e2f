# Telco churn - upsample the minority class of the TRAINING part only
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.utils import resample
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

data = pd.read_csv("churn.csv")
train, test = train_test_split(data, test_size=0.2, stratify=data["Churn"], random_state=1)

majority = train[train.Churn == 0]
minority = train[train.Churn == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=1)
train_bal = pd.concat([majority, minority_up]).sample(frac=1, random_state=1)

clf = LogisticRegression(max_iter=1000)
clf.fit(train_bal.drop("Churn", axis=1), train_bal.Churn)
print(recall_score(test.Churn, clf.predict(test.drop("Churn", axis=1))))
