import joblib

model = joblib.load("model.pkl")
X_test, y_test = joblib.load("holdout.pkl")
print("holdout score:", model.score(X_test, y_test))
