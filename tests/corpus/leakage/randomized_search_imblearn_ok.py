import pandas as pd
from imblearn.pipeline import Pipeline as ImbPipeline
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import RandomizedSearchCV, train_test_split
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("employee_attrition.csv")
X = pd.get_dummies(df.drop("Attrition", axis=1))
y = df["Attrition"].eq("Yes").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2)

pipe = ImbPipeline(steps=[("smote", SMOTE()), ("rf", RandomForestClassifier())])
dist = {"smote__k_neighbors": [3, 5, 7], "rf__max_depth": [4, 8, None]}
search = RandomizedSearchCV(pipe, dist, n_iter=10, scoring="f1", cv=5)
search.fit(X_train, y_train)
print(search.best_params_, search.score(X_test, y_test))
