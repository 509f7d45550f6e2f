import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split

df = pd.read_csv("fraud.csv")
X, y = df.drop("fraud", axis=1), df["fraud"]
X_res, y_res = SMOTE().fit_resample(X, y)
X_a, X_b, y_a, y_b = train_test_split(X_res, y_res, test_size=0.5)
print(X_a.shape, X_b.shape)
print(pd.Series(y_res).value_counts())
