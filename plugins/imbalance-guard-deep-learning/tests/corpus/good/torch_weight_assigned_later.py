import torch
from sklearn.utils.class_weight import compute_class_weight

from data import train_labels

criterion = torch.nn.CrossEntropyLoss()
cw = compute_class_weight("balanced", classes=[0, 1, 2], y=train_labels)
criterion.weight = torch.tensor(cw, dtype=torch.float32)
