"""MNIST template: the data module lives in mp_mnist_datamodule.py (balanced classes)."""
import lightning as L
import torch
import torch.nn.functional as F
import torchmetrics
from lightning.pytorch.callbacks import ModelCheckpoint

from mp_mnist_datamodule import MNISTData


class LitClassifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
        self.val_acc = torchmetrics.Accuracy(task="multiclass", num_classes=10, average="micro")

    def training_step(self, batch, batch_idx):
        x, y = batch
        return F.cross_entropy(self.net(x), y)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.val_acc(self.net(x).argmax(1), y)
        self.log("val_acc", self.val_acc)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters())


trainer = L.Trainer(max_epochs=3, callbacks=[ModelCheckpoint(monitor="val_acc", mode="max")])
trainer.fit(LitClassifier(), datamodule=MNISTData())
