import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("hr_attrition.csv")
stay = df[df.Attrition == 0].sample(n=(df.Attrition == 1).sum(), random_state=0)
leave = df[df.Attrition == 1]
both = pd.concat([stay, leave]).sample(frac=1, random_state=0)
scores = cross_val_score(DecisionTreeClassifier(), both.drop("Attrition", axis=1), both.Attrition, cv=5, scoring="f1")  # expect: IG203
print(scores.mean())
