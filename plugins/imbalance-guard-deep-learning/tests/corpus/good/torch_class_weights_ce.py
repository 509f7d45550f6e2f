import numpy as np
import torch
from sklearn.utils.class_weight import compute_class_weight
from torch import nn

from data import train_labels, loaders

cw = compute_class_weight("balanced", classes=np.unique(train_labels), y=train_labels)
loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(cw, dtype=torch.float32).cuda())
aux = torch.nn.functional.cross_entropy
