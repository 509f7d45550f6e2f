import lightning as L
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class Data(L.LightningDataModule):
    def setup(self, stage=None):
        self.train_ds, self.val_ds = split()
        labels = torch.as_tensor(self.train_ds.targets)
        w = (1.0 / torch.bincount(labels).float())[labels]
        self.sampler = WeightedRandomSampler(w, len(w))

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=64, sampler=self.sampler)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=64)
