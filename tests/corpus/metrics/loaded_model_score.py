# A model read back from disk: only its .score and predict_proba are used.
import pickle

import pandas as pd

holdout = pd.read_csv("holdout.csv")
X_test, y_test = holdout.drop(columns="default"), holdout["default"]
with open("artifacts/model_v3.pkl", "rb") as fh:
    model = pickle.load(fh)
print("holdout score:", model.score(X_test, y_test))  # expect: IG201 fix
risk = model.predict_proba(X_test)[:, 1]
holdout.assign(risk=risk).to_csv("scored.csv", index=False)
