import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split


def build_model(n_trees=300):
    return RandomForestClassifier(n_estimators=n_trees, n_jobs=-1)


df = pd.read_csv("default_of_credit_card_clients.csv")
y = df.pop("default.payment.next.month")
X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.2, stratify=y)
model = build_model()
model.fit(X_train, y_train)
print("holdout:", model.score(X_test, y_test))  # expect: IG201 fix
