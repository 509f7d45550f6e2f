import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

ins = pd.read_csv("insurance.csv")
ins = pd.get_dummies(ins, drop_first=True)
X_tr, X_te, y_tr, y_te = train_test_split(ins.drop(columns="charges"), ins["charges"], test_size=0.2)
lin = LinearRegression().fit(X_tr, y_tr)
pred = lin.predict(X_te)
print(r2_score(y_te, pred), mean_absolute_error(y_te, pred), lin.score(X_te, y_te))
