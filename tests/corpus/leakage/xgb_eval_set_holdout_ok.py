import pandas as pd
import xgboost as xgb
from imblearn.over_sampling import SMOTE
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("insurance_claims.csv")
X, y = df.drop(columns="claim"), df["claim"]
X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=y, test_size=0.25)
X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)
model = xgb.XGBClassifier(n_estimators=1000, early_stopping_rounds=50, eval_metric="aucpr")
model.fit(X_res, y_res, eval_set=[(X_val, y_val)], verbose=False)
print(average_precision_score(y_val, model.predict_proba(X_val)[:, 1]))
