# Titanic - quick RF baseline
import numpy as np
import pandas as pd
import seaborn as sns
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

train_df = pd.read_csv("../input/titanic/train.csv")
print(train_df.shape)
train_df.describe()
sns.countplot(x="Survived", data=train_df)

train_df["Age"] = train_df["Age"].fillna(train_df["Age"].median())
train_df["Sex"] = train_df["Sex"].map({"male": 0, "female": 1})
feats = ["Pclass", "Sex", "Age", "SibSp", "Parch", "Fare"]
X = train_df[feats].fillna(0)
y = train_df["Survived"]

X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: IG202 fix

rf = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=42)
rf.fit(X_train, y_train)
preds = rf.predict(X_val)
print("val acc:", accuracy_score(y_val, preds))  # expect: IG201 fix
