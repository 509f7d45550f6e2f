# A regressor scored with MAE: regression, nothing to stratify.
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

houses = pd.read_csv("houses.csv")
X_train, X_test, y_train, y_test = train_test_split(
    houses.drop(columns=["price"]), houses["price"], test_size=0.25, random_state=0
)
gbr = GradientBoostingRegressor().fit(X_train, y_train)
print("MAE", mean_absolute_error(y_test, gbr.predict(X_test)))
