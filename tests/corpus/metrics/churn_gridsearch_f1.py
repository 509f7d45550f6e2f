import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, train_test_split

telco = pd.read_csv("churn.csv")
y = (telco.pop("Churn") == "Yes").astype(int)
X = pd.get_dummies(telco, drop_first=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y)
gs = GridSearchCV(GradientBoostingClassifier(), {"max_depth": [2, 3]}, cv=5, scoring="f1")
gs.fit(X_train, y_train)
print(gs.best_estimator_.score(X_test, y_test))
