# Chest X-ray (pneumonia vs normal, 3:1): torchmetrics accuracy, micro-averaged
import lightning as L
import torch
import torch.nn as nn
import torchmetrics


class XRayNet(L.LightningModule):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(512, 2)
        self.loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0]))
        self.val_metric = torchmetrics.Accuracy(task="multiclass", num_classes=2)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.head(self.backbone(x))
        self.val_metric(logits.argmax(1), y)
        self.log("val_loss", self.loss_fn(logits, y))
        self.log("val_acc", self.val_metric, prog_bar=True)  # error: IGD302

    def _log_everything(self, stage, values):  # never called
        for name, value in values.items():
            self.log(f"{stage}_{name}", value)
