import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split

houses = pd.read_csv("train.csv")
houses = houses.select_dtypes("number").fillna(0)
X = houses.drop(columns=["SalePrice", "Id"])
y = houses["SalePrice"]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=1)

reg = RandomForestRegressor(n_estimators=500, n_jobs=-1)
reg.fit(X_train, y_train)
print("R^2 on validation:", reg.score(X_valid, y_valid))
