# Upsampling the minority class with pandas, after the split: imbalance is handled.
import pandas as pd
import torch
from sklearn.model_selection import train_test_split

df = pd.read_csv("train.csv")
train, test = train_test_split(df, test_size=0.2, stratify=df["label"])
minority = train[train.label == 1]
majority = train[train.label == 0]
train_up = pd.concat([majority, minority.sample(len(majority), replace=True, random_state=0)])
criterion = torch.nn.BCEWithLogitsLoss()
