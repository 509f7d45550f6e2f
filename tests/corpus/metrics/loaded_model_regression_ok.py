# A loaded model whose use shows nothing of a classifier: its .score may be R².
import joblib
import pandas as pd
from sklearn.metrics import r2_score

holdout = pd.read_csv("holdout.csv")
X_test, y_test = holdout.drop(columns="demand"), holdout["demand"]
model = joblib.load("artifacts/model.joblib")
print("holdout score:", model.score(X_test, y_test))
print("R2:", r2_score(y_test, model.predict(X_test)))
