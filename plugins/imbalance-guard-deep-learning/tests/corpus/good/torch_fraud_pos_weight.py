import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import train_test_split

df = pd.read_csv("creditcard.csv")
X, y = df.drop(columns=["Class"]).values, df["Class"].values
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

n_pos = int(y_tr.sum())
n_neg = len(y_tr) - n_pos
model = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([n_neg / n_pos]))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
