import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score

cars = pd.read_csv("cars.csv")
X = cars[["hp", "weight", "year"]]
y = cars["mpg"]
folds = KFold(n_splits=10, shuffle=True, random_state=0)
rmse = -cross_val_score(Ridge(alpha=1.0), X, y, cv=folds, scoring="neg_root_mean_squared_error")
print(rmse.mean())
