from torchvision.datasets import FashionMNIST
import torch.nn as nn

train = FashionMNIST("data", download=True)
criterion = nn.NLLLoss()
