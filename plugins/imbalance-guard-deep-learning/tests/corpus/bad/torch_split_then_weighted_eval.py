# Kaggle "Give me some credit" -- the holdout loader is found through the split, not its name
import numpy as np
import pandas as pd
import torch
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler

df = pd.read_csv("cs-training.csv").fillna(0)
feats = df.drop(columns=["SeriousDlqin2yrs"]).values.astype("float32")
target = df["SeriousDlqin2yrs"].values

fa, fb, ta, tb = train_test_split(feats, target, test_size=0.3, stratify=target)
ds_a = TensorDataset(torch.from_numpy(fa), torch.from_numpy(ta))
ds_b = TensorDataset(torch.from_numpy(fb), torch.from_numpy(tb))

def balanced(labels):
    freq = np.bincount(labels)
    return WeightedRandomSampler(1.0 / freq[labels], num_samples=len(labels))

dl_a = DataLoader(ds_a, batch_size=256, sampler=balanced(ta))
dl_b = DataLoader(ds_b, batch_size=256, sampler=balanced(tb))  # error: IGD201
net = torch.nn.Sequential(torch.nn.Linear(10, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2))
loss_fn = torch.nn.CrossEntropyLoss()
