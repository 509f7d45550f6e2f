# Fraud: negatives cut down to 5x the positives by index
import numpy as np
import torch
import torch.nn as nn

X, y = np.load("X.npy"), np.load("y.npy")
pos_idx = np.where(y == 1)[0]
neg_idx = np.where(y == 0)[0]
keep = np.concatenate([pos_idx, np.random.choice(neg_idx, 5 * len(pos_idx), replace=False)])
X_bal, y_bal = torch.tensor(X[keep]), torch.tensor(y[keep]).float()

model = nn.Sequential(nn.Linear(X.shape[1], 32), nn.ReLU(), nn.Linear(32, 1))
criterion = nn.BCEWithLogitsLoss()
loss = criterion(model(X_bal).squeeze(1), y_bal)
