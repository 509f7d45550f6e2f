import lightning.pytorch as pl
import torch
import torch.nn.functional as F
import torchmetrics
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint


class Clf(pl.LightningModule):
    def __init__(self, weights):
        super().__init__()
        self.net = torch.nn.Linear(20, 2)
        self.register_buffer("w", weights)
        self.val_acc = torchmetrics.Accuracy(task="binary")
        self.val_f1 = torchmetrics.F1Score(task="binary")

    def training_step(self, batch, _):
        x, y = batch
        return F.cross_entropy(self.net(x), y, weight=self.w)

    def validation_step(self, batch, _):
        x, y = batch
        pred = self.net(x).argmax(1)
        self.log("val_acc", self.val_acc(pred, y))
        self.log("val_f1", self.val_f1(pred, y), prog_bar=True)


trainer = pl.Trainer(callbacks=[ModelCheckpoint(monitor="val_f1", mode="max"),
                                EarlyStopping(monitor="val_loss")])
