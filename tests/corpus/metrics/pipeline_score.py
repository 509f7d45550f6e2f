import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

wine = pd.read_csv("winequality-red.csv")
wine["good"] = (wine["quality"] >= 7).astype(int)
X = wine.drop(columns=["quality", "good"])
X_train, X_test, y_train, y_test = train_test_split(X, wine["good"], stratify=wine["good"])
svm_pipe = make_pipeline(StandardScaler(), SVC(C=3, gamma="scale"))
svm_pipe.fit(X_train, y_train)
print("test score:", svm_pipe.score(X_test, y_test))  # expect: IG201 fix
