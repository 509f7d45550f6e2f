# Credit card fraud: split first, SMOTE only the training data
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("creditcard.csv")
df.head()
X = df.drop("Class", axis=1)
y = df["Class"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=42)
print(y_train.value_counts(normalize=True))

oversample = SMOTE(sampling_strategy=0.3, k_neighbors=5)
X_train_sm, y_train_sm = oversample.fit_resample(X_train, y_train)

rf = RandomForestClassifier(n_estimators=300, n_jobs=-1)
rf.fit(X_train_sm, y_train_sm)
proba = rf.predict_proba(X_test)[:, 1]
print("ROC AUC", roc_auc_score(y_test, proba))
print(classification_report(y_test, rf.predict(X_test)))
