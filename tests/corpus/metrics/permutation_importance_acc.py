import matplotlib.pyplot as plt
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

df = pd.read_csv("employee.csv")
X, y = df.drop(columns="left"), df["left"]
X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=y)
model = RandomForestClassifier().fit(X_tr, y_tr)
imp = permutation_importance(model, X_val, y_val, n_repeats=10, scoring="accuracy")  # expect: IG201 fix
pd.Series(imp.importances_mean, index=X.columns).sort_values().plot.barh()
plt.show()
