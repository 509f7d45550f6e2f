import lightning as L
import torch
import torchmetrics


class Model(L.LightningModule):
    def __init__(self, weights):
        super().__init__()
        self.net = torch.nn.Linear(16, 3)
        self.loss = torch.nn.CrossEntropyLoss(weight=weights)
        metrics = torchmetrics.MetricCollection(
            {"acc": torchmetrics.Accuracy(task="multiclass", num_classes=3)}
        )
        self.val_metrics = metrics.clone(prefix="val_")

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc_quick", (self.net(x).argmax(1) == y).float().mean())
        self.log_dict(self.val_metrics(self.net(x), y))
