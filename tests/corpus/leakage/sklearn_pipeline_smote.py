from imblearn.over_sampling import SMOTE
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import GridSearchCV
import pandas as pd

df = pd.read_csv("diabetes.csv")
X = df.drop("Outcome", axis=1)
y = df.Outcome

model = Pipeline([("scaler", StandardScaler()), ("smote", SMOTE()), ("svc", SVC())])  # expect: IG303 fix
grid = GridSearchCV(model, {"svc__C": [0.1, 1, 10]}, scoring="f1", cv=5)
grid.fit(X, y)
print(grid.best_params_)
