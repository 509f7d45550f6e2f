"""HAM10000 skin lesions: the loss comes from a factory that weights the classes."""
import torch
from torchvision import models

import mp_skin_losses

model = models.resnet50(weights="IMAGENET1K_V2")
model.fc = torch.nn.Linear(model.fc.in_features, 7)
criterion = mp_skin_losses.build_loss(torch.load("class_counts.pt"))
baseline = torch.nn.CrossEntropyLoss()  # kept for the ablation table
