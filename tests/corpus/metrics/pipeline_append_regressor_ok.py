# The same recipe ending in a regressor: its default score is R², not accuracy.
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

sales = pd.read_csv("sales.csv")
X, y = sales.drop(columns="revenue"), sales["revenue"]

steps = []
steps.append(("scaler", StandardScaler()))
steps.append(("forest", RandomForestRegressor()))
model = Pipeline(steps)
print(cross_val_score(model, X, y, cv=5).mean())
