import torch.nn as nn
from torchvision.ops import sigmoid_focal_loss


def train_step(model, xb, yb):
    logits = model(xb).squeeze(1)
    return sigmoid_focal_loss(logits, yb, alpha=0.25, gamma=2.0, reduction="mean")


monitor = nn.BCEWithLogitsLoss()
