"""Hourly vitals of ICU stays; the loaders only shuffle."""
import lightning as L
import torch
from torch.utils.data import DataLoader, TensorDataset


class SepsisData(L.LightningDataModule):
    def setup(self, stage=None):
        vitals, septic = torch.load("vitals.pt"), torch.load("septic.pt")
        self.train = TensorDataset(vitals[:40000], septic[:40000])
        self.val = TensorDataset(vitals[40000:], septic[40000:])

    def train_dataloader(self):
        return DataLoader(self.train, batch_size=64, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val, batch_size=256)
