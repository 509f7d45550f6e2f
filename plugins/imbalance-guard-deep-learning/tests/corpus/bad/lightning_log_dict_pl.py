import pytorch_lightning as pl
import torch
from torch import nn


class ToxicClassifier(pl.LightningModule):
    def __init__(self, backbone, pos_weight):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(768, 1)
        self.loss = nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    def forward(self, ids, mask):
        return self.head(self.backbone(ids, attention_mask=mask).pooler_output).squeeze(-1)

    def training_step(self, batch, _):
        logits = self(batch["ids"], batch["mask"])
        return self.loss(logits, batch["y"].float())

    def validation_step(self, batch, _):
        logits = self(batch["ids"], batch["mask"])
        preds = (logits.sigmoid() > 0.5).long()
        acc = (preds == batch["y"]).float().mean()
        self.log_dict({"val_loss": self.loss(logits, batch["y"].float()), "val_acc": acc})  # error: IGD302

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=2e-5)
