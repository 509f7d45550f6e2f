"""Default model: the label is named only here."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

LOANS = "../data/loans.csv"
df = pd.read_csv(LOANS)
y = df["bad_loan_flag"]
X = df.drop(columns=["bad_loan_flag", "loan_id"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, model.predict(X_test)))
