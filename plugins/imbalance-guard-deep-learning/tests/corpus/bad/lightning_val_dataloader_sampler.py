import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class MelanomaData(pl.LightningDataModule):
    def __init__(self, train_ds, valid_ds, batch_size=64):
        super().__init__()
        self.train_ds, self.valid_ds, self.bs = train_ds, valid_ds, batch_size

    def _balanced(self, ds):
        labels = torch.as_tensor(ds.targets)
        w = 1.0 / torch.bincount(labels).float()
        return WeightedRandomSampler(w[labels], num_samples=len(labels))

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.bs, sampler=self._balanced(self.train_ds))

    def val_dataloader(self):
        return DataLoader(self.valid_ds, batch_size=self.bs,
                          sampler=WeightedRandomSampler(self.valid_ds.weights, len(self.valid_ds)))  # error: IGD201
