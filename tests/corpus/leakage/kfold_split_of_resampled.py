import numpy as np
import pandas as pd
from imblearn.combine import SMOTETomek
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import recall_score
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("train.csv")
X, y = df.drop("target", axis=1).values, df.target.values
X_bal, y_bal = SMOTETomek(random_state=0).fit_resample(X, y)
skf = StratifiedKFold(5)
recalls = []
for i, (a, b) in enumerate(skf.split(X_bal, y_bal)):  # expect: IG301
    m = RandomForestClassifier(random_state=i).fit(X_bal[a], y_bal[a])
    recalls.append(recall_score(y_bal[b], m.predict(X_bal[b])))
print(np.mean(recalls))
