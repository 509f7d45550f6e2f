import torch

from config import LOSS_KWARGS, train

criterion = torch.nn.CrossEntropyLoss(**LOSS_KWARGS)
train(criterion)
