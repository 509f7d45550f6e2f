# ECG arrhythmia: one helper makes a balanced sampler, setup() keeps one per split
import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class ECGData(pl.LightningDataModule):
    def _balanced(self, ds):
        labels = torch.as_tensor(ds.labels)
        w = 1.0 / torch.bincount(labels).float()
        return WeightedRandomSampler(w[labels], len(labels))

    def setup(self, stage=None):
        self.train_ds, self.test_ds = make_splits()
        self.train_sampler = self._balanced(self.train_ds)
        self.test_sampler = self._balanced(self.test_ds)

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=128, sampler=self.train_sampler)

    def test_dataloader(self):
        return DataLoader(self.test_ds, batch_size=128, sampler=self.test_sampler)  # error: IGD201
