# Majority class undersampled with torch.randperm on its indices
import torch
import torch.nn as nn

labels = torch.load("labels.pt")
majority = (labels == 0).nonzero(as_tuple=True)[0]
minority = (labels == 1).nonzero(as_tuple=True)[0]
kept = majority[torch.randperm(len(majority))[: len(minority)]]
index = torch.cat([kept, minority])

model = nn.Linear(128, 2)
loss_fn = nn.CrossEntropyLoss()
