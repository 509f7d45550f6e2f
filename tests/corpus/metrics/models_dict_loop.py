import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("water_potability.csv").fillna(0)
X_train, X_test, y_train, y_test = train_test_split(
    df.drop(columns="Potability"), df["Potability"], test_size=0.2, stratify=df["Potability"]
)
models = {
    "Logistic Regression": LogisticRegression(max_iter=1000),
    "Random Forest": RandomForestClassifier(),
    "Gradient Boosting": GradientBoostingClassifier(),
    "SVM": SVC(),
}
results = {}
for name, mdl in models.items():
    mdl.fit(X_train, y_train)
    results[name] = accuracy_score(y_test, mdl.predict(X_test))  # expect: IG201 fix
print(pd.Series(results).sort_values(ascending=False))
