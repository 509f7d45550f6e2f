# Skin-lesion classifier (ISIC): the data module builds its samplers in setup()
import lightning as L
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class LesionData(L.LightningDataModule):
    def __init__(self, train_ds, val_ds, batch_size=32):
        super().__init__()
        self.train_ds, self.val_ds, self.batch_size = train_ds, val_ds, batch_size

    def setup(self, stage=None):
        labels = torch.as_tensor(self.val_ds.targets)
        weights = (1.0 / torch.bincount(labels).float())[labels]
        self.val_sampler = WeightedRandomSampler(weights, num_samples=len(weights))

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, sampler=self.val_sampler)  # error: IGD201
