import torch
from torch import nn
from torch.utils.data import DataLoader

from house_prices import train_ds, valid_ds

train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)
valid_loader = DataLoader(valid_ds, batch_size=64)
model = nn.Sequential(nn.Linear(79, 128), nn.ReLU(), nn.Linear(128, 1))
loss_fn = nn.MSELoss()
huber = nn.HuberLoss(delta=1.0)
