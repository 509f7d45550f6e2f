import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("employee_attrition.csv")
X = pd.get_dummies(df.drop("Attrition", axis=1))
y = df["Attrition"].eq("Yes").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2)

ros = RandomOverSampler(random_state=42)
X_train_ros, y_train_ros = ros.fit_resample(X_train, y_train)

params = {"n_estimators": [100, 300], "max_depth": [None, 8, 16]}
search = GridSearchCV(RandomForestClassifier(), params, cv=5, scoring="recall")
search.fit(X_train_ros, y_train_ros)  # expect: IG301
print(search.best_score_, search.score(X_test, y_test))
