import numpy as np
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler

from dataset import XrayDataset

train_ds = XrayDataset("chest_xray/train")
val_ds = XrayDataset("chest_xray/val")


def make_sampler(labels):
    counts = np.bincount(labels)
    w = 1.0 / counts[labels]
    return WeightedRandomSampler(torch.as_tensor(w, dtype=torch.double), len(w), replacement=True)


train_loader = DataLoader(train_ds, batch_size=32, sampler=make_sampler(train_ds.labels))
val_loader = DataLoader(val_ds, batch_size=32, sampler=make_sampler(val_ds.labels))  # error: IGD201

model = torch.hub.load("pytorch/vision", "densenet121", weights="DEFAULT")
criterion = torch.nn.CrossEntropyLoss()
