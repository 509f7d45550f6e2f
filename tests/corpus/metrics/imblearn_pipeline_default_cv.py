import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("bankruptcy.csv")
X, y = df.drop(columns="Bankrupt?"), df["Bankrupt?"]
pipe = Pipeline([("scale", StandardScaler()), ("smote", SMOTE()), ("clf", LogisticRegression())])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(pipe, X, y, cv=cv).mean())  # expect: IG201 fix
