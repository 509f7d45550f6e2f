import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

emp = pd.read_csv("HR-Employee-Attrition.csv")
y = emp["Attrition"].map({"Yes": 1, "No": 0})
X = pd.get_dummies(emp.drop(columns=["Attrition", "EmployeeNumber"]))
cv_scores = cross_val_score(RandomForestClassifier(random_state=0), X, y, cv=5)  # expect: IG201 fix
print("CV mean:", cv_scores.mean())
