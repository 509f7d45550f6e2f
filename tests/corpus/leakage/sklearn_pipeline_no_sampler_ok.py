import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

titanic = pd.read_csv("titanic.csv")
num = ["Age", "Fare", "SibSp"]
cat = ["Sex", "Embarked", "Pclass"]
pre = ColumnTransformer([("num", StandardScaler(), num), ("cat", OneHotEncoder(handle_unknown="ignore"), cat)])
clf = Pipeline(steps=[("pre", pre), ("lr", LogisticRegression(class_weight="balanced"))])
print(cross_val_score(clf, titanic[num + cat], titanic.Survived, cv=5, scoring="roc_auc").mean())
