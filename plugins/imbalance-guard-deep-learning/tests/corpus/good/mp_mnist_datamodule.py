"""The MNIST data module of the template."""
import lightning as L
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import MNIST


class MNISTData(L.LightningDataModule):
    def setup(self, stage=None):
        tfm = transforms.ToTensor()
        self.train = MNIST(".", train=True, download=True, transform=tfm)
        self.val = MNIST(".", train=False, download=True, transform=tfm)

    def train_dataloader(self):
        return DataLoader(self.train, batch_size=64, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val, batch_size=256)
