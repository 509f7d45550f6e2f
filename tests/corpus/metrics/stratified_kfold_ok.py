import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv("adult.csv")
y = (df.pop("income") == ">50K").astype(int)
X = pd.get_dummies(df)
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)
print(cross_val_score(LogisticRegression(max_iter=300), X, y, cv=skf, scoring="f1").mean())
