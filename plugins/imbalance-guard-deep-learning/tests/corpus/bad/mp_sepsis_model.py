"""Sepsis (7 % positive): the data module is imported, and balances nothing."""
import lightning as L
import torch
import torch.nn.functional as F
import torchmetrics
from lightning.pytorch.callbacks import ModelCheckpoint

from mp_sepsis_datamodule import SepsisData


class LitClassifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(40, 2))
        self.val_acc = torchmetrics.Accuracy(task="multiclass", num_classes=2, average="micro")

    def training_step(self, batch, batch_idx):
        x, y = batch
        return F.cross_entropy(self.net(x), y)  # error: IGD101

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.val_acc(self.net(x).argmax(1), y)
        self.log("val_acc", self.val_acc)  # error: IGD302

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters())


trainer = L.Trainer(max_epochs=3, callbacks=[ModelCheckpoint(monitor="val_acc", mode="max")])  # error: IGD301
trainer.fit(LitClassifier(), datamodule=SepsisData())
