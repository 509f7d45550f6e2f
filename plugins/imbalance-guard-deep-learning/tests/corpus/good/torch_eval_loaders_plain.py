import torch
from torch.utils.data import DataLoader, SequentialSampler, WeightedRandomSampler
from torch.utils.data.distributed import DistributedSampler

from data import train_ds, valid_ds, test_ds, train_weights

train_loader = DataLoader(
    train_ds, batch_size=64, sampler=WeightedRandomSampler(train_weights, len(train_weights))
)
valid_loader = DataLoader(valid_ds, batch_size=128, sampler=SequentialSampler(valid_ds))
test_loader = DataLoader(test_ds, batch_size=128, sampler=DistributedSampler(test_ds, shuffle=False))
criterion = torch.nn.CrossEntropyLoss()
