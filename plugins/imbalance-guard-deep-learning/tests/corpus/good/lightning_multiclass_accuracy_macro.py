# MulticlassAccuracy averages per class (macro) by default: balanced accuracy
import lightning as L
import torch
import torch.nn as nn
from torchmetrics.classification import MulticlassAccuracy


class Arrhythmia(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(1, 16, 5), nn.ReLU(), nn.Flatten(), nn.LazyLinear(5))
        self.loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([0.2, 3.0, 3.0, 5.0, 8.0]))
        self.val_acc = MulticlassAccuracy(num_classes=5)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.val_acc(self.net(x), y)
        self.log("val_acc", self.val_acc, prog_bar=True)
