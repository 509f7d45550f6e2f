"""Telco churn - tune a gradient boosting model."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, train_test_split

telco = pd.read_csv("WA_Fn-UseC_-Telco-Customer-Churn.csv")
telco["TotalCharges"] = pd.to_numeric(telco["TotalCharges"], errors="coerce").fillna(0)
telco_enc = pd.get_dummies(telco.drop(columns=["customerID"]), drop_first=True)
target = telco_enc.pop("Churn_Yes")

X_train, X_test, y_train, y_test = train_test_split(  # expect: IG202 fix
    telco_enc, target, test_size=0.25, random_state=7
)

param_grid = {"n_estimators": [100, 200], "max_depth": [2, 3, 4], "learning_rate": [0.05, 0.1]}
gs = GridSearchCV(
    GradientBoostingClassifier(random_state=7),
    param_grid,
    cv=5,
    scoring="accuracy",  # expect: IG201 fix
    n_jobs=-1,
)
gs.fit(X_train, y_train)
print(gs.best_params_, gs.best_score_)
