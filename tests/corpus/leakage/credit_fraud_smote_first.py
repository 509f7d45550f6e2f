# Credit card fraud detection - SMOTE + Logistic Regression
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import seaborn as sns
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import train_test_split

df = pd.read_csv("../input/creditcardfraud/creditcard.csv")
print(df.shape)
print(df.Class.value_counts())
sns.countplot(x="Class", data=df)
plt.title("Class distribution (0: no fraud, 1: fraud)")
plt.show()

df["normAmount"] = (df["Amount"] - df["Amount"].mean()) / df["Amount"].std()
df = df.drop(["Time", "Amount"], axis=1)

X = df.iloc[:, df.columns != "Class"]
y = df.iloc[:, df.columns == "Class"]

sm = SMOTE(random_state=2)
X_res, y_res = sm.fit_resample(X, y.values.ravel())
print("After OverSampling, counts of label '1': {}".format(sum(y_res == 1)))

X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.3, random_state=0)  # expect: IG301

lr = LogisticRegression(C=0.01)
lr.fit(X_train, y_train)
pred = lr.predict(X_test)
print(confusion_matrix(y_test, pred))
print(classification_report(y_test, pred))
