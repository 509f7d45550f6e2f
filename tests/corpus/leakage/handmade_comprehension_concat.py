import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

reviews = pd.read_csv("reviews.csv")
neg = reviews.loc[reviews.label == 0]
k = 4
balanced = pd.concat([reviews, *[neg for _ in range(k)]])
X = balanced.drop(columns="label")
print(cross_val_score(LogisticRegression(), X, balanced.label, scoring="f1"))  # expect: IG301
