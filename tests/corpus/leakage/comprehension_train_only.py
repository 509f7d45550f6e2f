import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("covertype.csv")
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df["Cover_Type"], random_state=0)
biggest = train_df["Cover_Type"].value_counts().max()
groups = [g for _, g in train_df.groupby("Cover_Type")]
train_bal = pd.concat([resample(g, n_samples=biggest, random_state=0) for g in groups])
rf = RandomForestClassifier(n_jobs=-1).fit(train_bal.drop("Cover_Type", axis=1), train_bal["Cover_Type"])
print(f1_score(test_df["Cover_Type"], rf.predict(test_df.drop("Cover_Type", axis=1)), average="macro"))
