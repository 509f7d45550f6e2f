# "balance both sets so the metrics are fair"
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("data.csv")
X, y = df.drop("target", axis=1), df.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)

smote = SMOTE()
X_train, y_train = smote.fit_resample(X_train, y_train)
X_test, y_test = smote.fit_resample(X_test, y_test)  # expect: IG302

knn = KNeighborsClassifier(7).fit(X_train, y_train)
print(f1_score(y_test, knn.predict(X_test)))
