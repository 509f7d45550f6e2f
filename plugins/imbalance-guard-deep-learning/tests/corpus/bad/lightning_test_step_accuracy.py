"""Pneumonia X-ray classifier, Lightning 2.x -- 74 % of the test images are PNEUMONIA."""
import lightning.pytorch as pl
import timm
import torch
from torch import nn


class XrayNet(pl.LightningModule):
    def __init__(self, lr=3e-4):
        super().__init__()
        self.save_hyperparameters()
        self.model = timm.create_model("resnet34", pretrained=True, num_classes=2)
        self.criterion = nn.CrossEntropyLoss(weight=torch.tensor([2.9, 1.0]))

    def forward(self, x):
        return self.model(x)

    def _shared(self, batch):
        x, y = batch
        logits = self(x)
        return self.criterion(logits, y), (logits.argmax(dim=1) == y).float().mean()

    def training_step(self, batch, batch_idx):
        loss, acc = self._shared(batch)
        self.log("train/loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        loss, acc = self._shared(batch)
        self.log("val/loss", loss)
        self.log("val/accuracy", acc, prog_bar=True)  # error: IGD302

    def test_step(self, batch, batch_idx):
        loss, acc = self._shared(batch)
        self.log("test_acc", acc)  # error: IGD302

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
