# Melanoma: a test loader reuses the training data module's weighted sampler attribute
import lightning as L
from torch.utils.data import DataLoader
from torchsampler import ImbalancedDatasetSampler


class MelanomaData(L.LightningDataModule):
    def setup(self, stage=None):
        self.train_ds, self.test_ds = build()
        self.sampler = ImbalancedDatasetSampler(self.test_ds)

    def test_dataloader(self):
        return DataLoader(self.test_ds, batch_size=64, sampler=self.sampler)  # error: IGD201
