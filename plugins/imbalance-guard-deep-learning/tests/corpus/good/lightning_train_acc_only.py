import pytorch_lightning as pl
import torch


class Tiny(pl.LightningModule):
    def __init__(self, pos_weight):
        super().__init__()
        self.lin = torch.nn.Linear(8, 1)
        self.crit = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    def training_step(self, batch, _):
        x, y = batch
        logits = self.lin(x).squeeze(-1)
        self.log("train_acc", ((logits > 0) == y.bool()).float().mean())
        loss = self.crit(logits, y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        probs = self.lin(x).squeeze(-1).sigmoid()
        self.log("val_auroc", binary_auroc(probs, y.long()))
        self.log("val_acc", ((probs > 0.5) == y.bool()).float().mean())


def binary_auroc(p, y):
    from torchmetrics.functional.classification import binary_auroc as _auroc

    return _auroc(p, y)
