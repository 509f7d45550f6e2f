import torch
import torchmetrics
from torch import nn

model = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 1))
train_acc = torchmetrics.Accuracy(task="binary")  # expect: IG201
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.BCEWithLogitsLoss()

for epoch in range(5):
    for xb, yb in train_loader:  # noqa: F821
        opt.zero_grad()
        logits = model(xb).squeeze(1)
        loss = loss_fn(logits, yb.float())
        loss.backward()
        opt.step()
        train_acc.update(torch.sigmoid(logits), yb)
    print(epoch, train_acc.compute())
    train_acc.reset()
