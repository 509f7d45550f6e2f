import pandas as pd
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.neighbors import KNeighborsClassifier

glass = pd.read_csv("glass.csv")
X, y = glass.drop(columns="Type"), glass["Type"]
knn_clf = KNeighborsClassifier(n_neighbors=5)
y_cv = cross_val_predict(knn_clf, X, y, cv=KFold(n_splits=5, shuffle=True, random_state=3))  # expect: IG202 fix
print(confusion_matrix(y, y_cv))
