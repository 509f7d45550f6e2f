import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

prices = pd.read_csv("btc_daily.csv", parse_dates=["date"]).sort_values("date")
prices["up"] = (prices["close"].shift(-1) > prices["close"]).astype(int)
X = prices[["ret_1", "ret_5", "vol_20"]]
X_train, X_test, y_train, y_test = train_test_split(X, prices["up"], test_size=0.2, shuffle=False)
clf = HistGradientBoostingClassifier().fit(X_train, y_train)
print(classification_report(y_test, clf.predict(X_test)))
