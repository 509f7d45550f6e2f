import numpy as np
import pandas as pd
from imblearn.under_sampling import NearMiss
from sklearn.model_selection import train_test_split
from lightgbm import LGBMClassifier

df = pd.read_csv("train.csv")
X = df.drop(columns=["id", "label"]).to_numpy()
y = df["label"].to_numpy()
X_train, X_hold, y_train, y_hold = train_test_split(X, y, test_size=0.3, stratify=y, random_state=3)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, stratify=y_train)

nm = NearMiss(version=1)
X_tr_nm, y_tr_nm = nm.fit_resample(X_tr, y_tr)
X_val_nm, y_val_nm = nm.fit_resample(X_val, y_val)  # expect: IG302
model = LGBMClassifier().fit(X_tr_nm, y_tr_nm, eval_set=[(X_val_nm, y_val_nm)])
print(model.score(X_hold, y_hold))
