# Fraud detection notebook, saved by hand as a script (magics kept as they were).
%matplotlib inline
!pip install -q imbalanced-learn
files = !ls ../input/creditcardfraud
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

df = pd.read_csv("../input/creditcardfraud/creditcard.csv")
df.head?
X = df.drop(columns=["Class"])
y = df["Class"]

%time X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(  # expect: IG301
    X_res, y_res, test_size=0.25, stratify=y_res, random_state=0
)

model = RandomForestClassifier(n_estimators=200, class_weight=None)
model.fit(X_train, y_train)
print(classification_report(y_test, model.predict(X_test)))
