import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

from churnlib.sampling import BorderlineOverSampler

df = pd.read_csv("churn.csv")
X, y = df.drop("churned", axis=1), df["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_bal, y_bal = BorderlineOverSampler(k=5).fit_transform(X_train, y_train)
rf = RandomForestClassifier().fit(X_bal, y_bal)
print(classification_report(y_test, rf.predict(X_test)))
