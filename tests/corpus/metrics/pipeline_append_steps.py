# Steps collected one by one, then a Pipeline: its last step is a classifier.
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

churn = pd.read_csv("telco_churn.csv")
X, y = churn.drop(columns="Churn"), churn["Churn"]

steps = []
steps.append(("scaler", StandardScaler()))
steps.append(("forest", RandomForestClassifier(n_estimators=300)))
model = Pipeline(steps)
scores = cross_val_score(model, X, y, cv=5)  # expect: IG201 fix
print(f"CV score: {scores.mean():.3f}")
