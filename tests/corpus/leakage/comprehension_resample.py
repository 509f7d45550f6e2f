import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("covertype.csv")
biggest = df["Cover_Type"].value_counts().max()
groups = [g for _, g in df.groupby("Cover_Type")]
balanced_parts = [resample(g, replace=True, n_samples=biggest, random_state=0) for g in groups]
balanced = pd.concat(balanced_parts, ignore_index=True)
X_train, X_test, y_train, y_test = train_test_split(  # expect: IG301
    balanced.drop("Cover_Type", axis=1), balanced["Cover_Type"], test_size=0.2
)
RandomForestClassifier(n_jobs=-1).fit(X_train, y_train)
