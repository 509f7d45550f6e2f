# A class-weighted main loss next to an auxiliary unweighted one
import torch
import torch.nn as nn

weights = torch.tensor([1.0, 20.0])
main_loss = nn.CrossEntropyLoss(weight=weights)
aux_loss = nn.CrossEntropyLoss()  # auxiliary head, same labels
