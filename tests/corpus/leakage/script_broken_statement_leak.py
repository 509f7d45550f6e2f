# A training script left half-edited: one call is not closed, the leak below is real.
import pandas as pd
from imblearn.over_sampling import ADASYN
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("heart.csv")
X = df.drop("target", axis=1)
y = df["target"]

summary = df.describe(include="all"

X_ada, y_ada = ADASYN(random_state=3).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_ada, y_ada, stratify=y_ada)  # expect: IG301
SVC(class_weight="balanced").fit(X_train, y_train)
