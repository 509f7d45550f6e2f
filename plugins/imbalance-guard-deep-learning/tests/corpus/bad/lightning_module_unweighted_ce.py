# Network intrusion detection (CIC-IDS, rare attack classes) as a Lightning module
import lightning as L
import torch
import torch.nn as nn


class IDSNet(L.LightningModule):
    def __init__(self, n_features, n_classes=15):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 128), nn.ReLU(), nn.Linear(128, 15))
        self.criterion = nn.CrossEntropyLoss()  # error: IGD101

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = self.criterion(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        preds = self.net(x).argmax(1)
        self.log("val_acc", (preds == y).float().mean())  # error: IGD302

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
