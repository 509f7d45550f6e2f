"""The same split after cleaning the frame: the counts no longer prove anything."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

df = pd.read_csv("../data/loans.csv")
df = df[df["income"] > 40000]
y = df.bad_loan_flag
X = df.drop("bad_loan_flag", axis=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
model = LogisticRegression().fit(X_train, y_train)
