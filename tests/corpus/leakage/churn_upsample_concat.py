# Telco churn - balance the classes by upsampling the minority class
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.utils import resample
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score

data = pd.read_csv("WA_Fn-UseC_-Telco-Customer-Churn.csv")
data["TotalCharges"] = pd.to_numeric(data["TotalCharges"], errors="coerce").fillna(0)
data["Churn"] = data["Churn"].map({"Yes": 1, "No": 0})
data = pd.get_dummies(data.drop("customerID", axis=1), drop_first=True)

df_majority = data[data.Churn == 0]
df_minority = data[data.Churn == 1]
df_minority_upsampled = resample(df_minority, replace=True, n_samples=len(df_majority), random_state=123)
df_upsampled = pd.concat([df_majority, df_minority_upsampled])
print(df_upsampled.Churn.value_counts())

X = df_upsampled.drop("Churn", axis=1)
y = df_upsampled["Churn"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=7)  # expect: IG301

gb = GradientBoostingClassifier()
gb.fit(X_tr, y_tr)
print(f1_score(y_te, gb.predict(X_te)))
