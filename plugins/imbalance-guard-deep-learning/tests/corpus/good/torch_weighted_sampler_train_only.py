import numpy as np
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler

from dataset import XrayDataset

train_ds = XrayDataset("chest_xray/train")
val_ds = XrayDataset("chest_xray/val")
test_ds = XrayDataset("chest_xray/test")

counts = np.bincount(train_ds.labels)
weights = 1.0 / counts[train_ds.labels]
sampler = WeightedRandomSampler(torch.as_tensor(weights), len(weights), replacement=True)

train_loader = DataLoader(train_ds, batch_size=32, sampler=sampler)
val_loader = DataLoader(val_ds, batch_size=64, shuffle=False)
test_loader = DataLoader(test_ds, batch_size=64)

criterion = torch.nn.CrossEntropyLoss()
