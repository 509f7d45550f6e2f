import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

wine = pd.read_csv("winequality-red.csv")
X = wine.drop(columns=["quality"])
X_train, X_test, y_train, y_test = train_test_split(X, wine["quality"], test_size=0.2)
pipe = Pipeline([("scale", StandardScaler()), ("ridge", Ridge(alpha=3.0))])
pipe.fit(X_train, y_train)
print("R2", pipe.score(X_test, y_test))
