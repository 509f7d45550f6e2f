# Tutorial: an unweighted baseline first, then the weighted model it is compared with
import torch
import torch.nn as nn

n_pos = int(y_train.sum())
n_neg = len(y_train) - n_pos

baseline_loss = nn.BCEWithLogitsLoss()
weighted_loss = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([n_neg / n_pos]))
