import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler, random_split

df = pd.read_csv("sensor_faults.csv")
X = torch.tensor(df.drop("fault", axis=1).to_numpy(), dtype=torch.float32)
y = torch.tensor(df["fault"].to_numpy())
train_ds, val_ds = random_split(TensorDataset(X, y), [0.8, 0.2])
labels = y[train_ds.indices].numpy()
weights = 1.0 / np.bincount(labels)[labels]
sampler = WeightedRandomSampler(weights, num_samples=len(weights))
train_loader = DataLoader(train_ds, batch_size=64, sampler=sampler)
val_loader = DataLoader(val_ds, batch_size=256)
