import lightgbm as lgb
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("fraud.parquet")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=1)
X_up, y_up = RandomOverSampler(random_state=1).fit_resample(X_tr, y_tr)
clf = lgb.LGBMClassifier(n_estimators=2000, learning_rate=0.03)
clf.fit(X_up, y_up, eval_set=[(X_up, y_up)], callbacks=[lgb.early_stopping(100)])  # expect: IG301
print(f1_score(y_te, clf.predict(X_te)))
