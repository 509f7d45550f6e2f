# class_weight=None is no weighting at all
import torch
import torch.nn as nn
from sklearn.linear_model import LogisticRegression

baseline = LogisticRegression(class_weight=None).fit(X_train, y_train)
net = nn.Sequential(nn.Linear(20, 1))
criterion = nn.BCEWithLogitsLoss()  # error: IGD101
