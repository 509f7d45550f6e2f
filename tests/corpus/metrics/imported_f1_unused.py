import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score  # imported "for later"
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("cervical_cancer.csv").replace("?", None).dropna()
X, y = df.drop(columns="Biopsy"), df["Biopsy"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y)
svc_model = SVC(kernel="rbf", C=10).fit(X_train, y_train)
print(accuracy_score(y_test, svc_model.predict(X_test)))  # expect: IG201 fix
