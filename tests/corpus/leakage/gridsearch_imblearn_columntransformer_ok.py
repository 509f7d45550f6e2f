import pandas as pd
from imblearn.over_sampling import SMOTENC
from imblearn.pipeline import Pipeline
from sklearn.compose import ColumnTransformer
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.ensemble import RandomForestClassifier

adult = pd.read_csv("adult.csv")
y = (adult.pop("income") == ">50K").astype(int)
cat_cols = adult.select_dtypes("object").columns.tolist()
num_cols = adult.select_dtypes("number").columns.tolist()
X_train, X_test, y_train, y_test = train_test_split(adult, y, stratify=y, test_size=0.2)

prep = ColumnTransformer([("num", StandardScaler(), num_cols), ("cat", OneHotEncoder(handle_unknown="ignore"), cat_cols)])
model = Pipeline([("prep", prep), ("smote", SMOTENC(categorical_features=[0])), ("rf", RandomForestClassifier())])
grid = GridSearchCV(model, {"rf__max_depth": [6, 12]}, cv=StratifiedKFold(5), scoring="f1")
grid.fit(X_train, y_train)
print(grid.score(X_test, y_test))
