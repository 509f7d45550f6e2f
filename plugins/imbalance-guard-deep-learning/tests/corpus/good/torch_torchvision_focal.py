import torch
from torchvision.ops import sigmoid_focal_loss

from model import detector, loader

cls_loss = torch.nn.CrossEntropyLoss()
for images, targets in loader:
    out = detector(images)
    loss = sigmoid_focal_loss(out["obj"], targets["obj"], reduction="mean") + cls_loss(
        out["cls"], targets["cls"]
    )
