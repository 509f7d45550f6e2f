import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

from churnlib.sampling import BorderlineOverSampler

df = pd.read_csv("churn.csv")
X, y = df.drop("churned", axis=1), df["churned"]
X_bal, y_bal = BorderlineOverSampler(k=5).fit_transform(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, stratify=y_bal)  # expect: IG301
rf = RandomForestClassifier().fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test)))
