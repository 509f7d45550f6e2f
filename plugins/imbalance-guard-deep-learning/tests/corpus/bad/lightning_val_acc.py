import lightning as L
import torch
import torch.nn.functional as F
import torchmetrics
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from torch.utils.data import DataLoader, WeightedRandomSampler


class SepsisModel(L.LightningModule):
    def __init__(self, n_features):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(n_features, 64), torch.nn.ReLU(),
                                       torch.nn.Linear(64, 2))
        self.val_acc = torchmetrics.Accuracy(task="multiclass", num_classes=2)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.net(x)
        self.log("val_loss", F.cross_entropy(logits, y))
        self.val_acc(logits.argmax(1), y)
        self.log("val_acc", self.val_acc, prog_bar=True)  # error: IGD302

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


def train(train_ds, val_ds, weights):
    sampler = WeightedRandomSampler(weights, len(weights))
    trainer = L.Trainer(
        max_epochs=30,
        callbacks=[
            ModelCheckpoint(monitor="val_acc", mode="max"),  # error: IGD301
            EarlyStopping(monitor="val_acc", mode="max", patience=5),  # error: IGD301
        ],
    )
    trainer.fit(SepsisModel(40), DataLoader(train_ds, sampler=sampler, batch_size=128),
                DataLoader(val_ds, batch_size=256))
