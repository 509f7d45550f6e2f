# IMDB sentiment: 25k/25k reviews
import lightning as L
import torch.nn as nn
from datasets import load_dataset

imdb = load_dataset("imdb")


class Sentiment(L.LightningModule):
    def __init__(self, encoder):
        super().__init__()
        self.encoder, self.head = encoder, nn.Linear(768, 2)
        self.loss_fn = nn.CrossEntropyLoss()

    def validation_step(self, batch, batch_idx):
        logits = self.head(self.encoder(batch["input_ids"]))
        self.log("val_acc", (logits.argmax(1) == batch["label"]).float().mean())
