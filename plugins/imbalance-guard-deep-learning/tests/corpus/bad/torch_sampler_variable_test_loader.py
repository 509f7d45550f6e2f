import torch
from torch.utils import data

train_set = torch.load("train_set.pt")
test_set = torch.load("test_set.pt")

targets = test_set.tensors[1]
class_count = torch.bincount(targets)
sample_weights = (1.0 / class_count.float())[targets]
sampler = data.WeightedRandomSampler(sample_weights, num_samples=len(sample_weights))

train_loader = data.DataLoader(train_set, batch_size=64, shuffle=True)
test_loader = data.DataLoader(test_set, batch_size=64, sampler=sampler)  # error: IGD201

criterion = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([12.0]))
