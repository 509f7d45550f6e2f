import pandas as pd
import sklearn.model_selection as ms
from sklearn import metrics as mt
from sklearn.tree import DecisionTreeClassifier as DTC

data = pd.read_csv("bank-additional-full.csv", sep=";")
data["y"] = (data["y"] == "yes").astype(int)
X_all = pd.get_dummies(data.drop(columns="y"))
X_a, X_b, y_a, y_b = ms.train_test_split(X_all, data["y"], random_state=3)  # expect: IG202 fix
tree = DTC(max_depth=5).fit(X_a, y_a)
print(mt.accuracy_score(y_b, tree.predict(X_b)))  # expect: IG201 fix
