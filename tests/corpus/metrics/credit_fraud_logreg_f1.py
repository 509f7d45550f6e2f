import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("creditcard.csv")
print(df["Class"].value_counts(normalize=True))

X = df.drop("Class", axis=1)
y = df["Class"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

sc = StandardScaler().fit(X_tr)
lr = LogisticRegression(max_iter=2000, class_weight="balanced")
lr.fit(sc.transform(X_tr), y_tr)
yhat = lr.predict(sc.transform(X_te))
print("acc", accuracy_score(y_te, yhat))
print("f1 ", f1_score(y_te, yhat))
