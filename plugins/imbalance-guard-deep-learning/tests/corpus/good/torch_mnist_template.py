# The PyTorch MNIST example: ten balanced classes
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, transforms

train = datasets.MNIST("../data", train=True, download=True, transform=transforms.ToTensor())
loader = torch.utils.data.DataLoader(train, batch_size=64, shuffle=True)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
for data, target in loader:
    loss = F.cross_entropy(model(data), target)
