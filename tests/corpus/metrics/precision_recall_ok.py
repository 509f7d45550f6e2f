import pandas as pd
from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("churn.csv")
X, y = df.drop(columns="churn"), df["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
dt = DecisionTreeClassifier(max_depth=4, class_weight="balanced").fit(X_train, y_train)
print(dt.score(X_test, y_test))
pred = dt.predict(X_test)
print(precision_score(y_test, pred), recall_score(y_test, pred))
