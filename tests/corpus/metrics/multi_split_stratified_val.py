import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("insurance_claims.csv")
X = df.drop(columns="fraud_reported")
y = df["fraud_reported"].eq("Y").astype(int)
X_full, X_test, y_full, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_full, y_full, test_size=0.2, random_state=0)  # expect: IG202 fix

forest = RandomForestClassifier(n_estimators=250).fit(X_train, y_train)
print("val f1", f1_score(y_val, forest.predict(X_val)))
print("test f1", f1_score(y_test, forest.predict(X_test)))
