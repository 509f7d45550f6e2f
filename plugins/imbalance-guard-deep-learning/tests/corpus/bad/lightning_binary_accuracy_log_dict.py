# Disk failure prediction (SMART attributes): binary accuracy only
import lightning as L
import torch
import torch.nn as nn
from torchmetrics.classification import BinaryAccuracy


class DiskFailure(L.LightningModule):
    def __init__(self, n_features):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 32), nn.ReLU(), nn.Linear(32, 1))
        self.loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([50.0]))
        self.val_score = BinaryAccuracy()

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.net(x).squeeze(1)
        self.val_score.update(logits.sigmoid(), y)
        self.log_dict({"val_loss": self.loss_fn(logits, y), "val_score": self.val_score})  # error: IGD302
