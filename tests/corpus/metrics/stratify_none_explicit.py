import pandas as pd
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from sklearn.svm import SVC

penguins = pd.read_csv("penguins.csv").dropna()
y = LabelEncoder().fit_transform(penguins["species"])
X = pd.get_dummies(penguins.drop(columns="species"))
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=None)  # expect: IG202 fix
svc = SVC().fit(X_train, y_train)
print(recall_score(y_test, svc.predict(X_test), average="macro"))
