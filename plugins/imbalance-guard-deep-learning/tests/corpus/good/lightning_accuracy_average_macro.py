import lightning as L
import torchmetrics


class Skin(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.valid_accuracy = torchmetrics.Accuracy(task="multiclass", num_classes=7, average="macro")

    def validation_step(self, batch, batch_idx):
        x, y = batch
        acc = self.valid_accuracy(self(x), y)
        self.log("valid/accuracy", acc)
