"""Disk failure prediction (0.1 % failures): the data module only shuffles."""
import torch
from torch import nn

from mp_disk_data import make_loader

model = nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.BCEWithLogitsLoss()  # error: IGD101
optimizer = torch.optim.Adam(model.parameters())

for features, failed in make_loader("smart_2023.parquet"):
    optimizer.zero_grad()
    loss = criterion(model(features).squeeze(1), failed.float())
    loss.backward()
    optimizer.step()
