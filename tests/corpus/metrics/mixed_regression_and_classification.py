import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import f1_score, mean_squared_error
from sklearn.model_selection import train_test_split

cars = pd.read_csv("used_cars.csv")
X = pd.get_dummies(cars.drop(columns=["price", "sold_fast"]))

# 1) price regression: a plain random split is right here
Xr_tr, Xr_te, price_tr, price_te = train_test_split(X, cars["price"], test_size=0.2)
reg = RandomForestRegressor().fit(Xr_tr, price_tr)
print(mean_squared_error(price_te, reg.predict(Xr_te)) ** 0.5)

# 2) will it sell within a week?
Xc_tr, Xc_te, fast_tr, fast_te = train_test_split(X, cars["sold_fast"], test_size=0.2)  # expect: IG202 fix
clf = RandomForestClassifier(class_weight="balanced").fit(Xc_tr, fast_tr)
print(f1_score(fast_te, clf.predict(Xc_te)))
