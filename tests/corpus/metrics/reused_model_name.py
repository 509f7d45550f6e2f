import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.model_selection import train_test_split

cars = pd.read_csv("cars.csv")
X = cars.drop(columns=["price", "luxury"])

X_tr, X_te, p_tr, p_te = train_test_split(X, cars["price"], test_size=0.2)
model = RandomForestRegressor().fit(X_tr, p_tr)
print("price R2", model.score(X_te, p_te))

X_tr, X_te, l_tr, l_te = train_test_split(X, cars["luxury"], test_size=0.2, stratify=cars["luxury"])
model = RandomForestClassifier()
model.fit(X_tr, l_tr)
print("luxury", model.score(X_te, l_te))  # expect: IG201 fix
