import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split

df = pd.read_csv("ads.csv")
X = df.drop("clicked", axis=1)
y = df.clicked
X_bal, y_bal = SMOTE().fit_resample(X, y)
print(X_bal.shape, y_bal.mean())
# changed my mind: evaluate on the real distribution
X_bal = X
y_bal = y
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, stratify=y_bal)
