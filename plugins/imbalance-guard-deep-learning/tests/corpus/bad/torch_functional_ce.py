import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from mydata import load_tabular

train_ds, valid_ds = load_tabular("train.parquet", target="default_flag")
train_loader = DataLoader(train_ds, batch_size=256, shuffle=True)


class Net(torch.nn.Module):
    def __init__(self, n_in, n_cls=2):
        super().__init__()
        self.body = torch.nn.Sequential(torch.nn.Linear(n_in, 128), torch.nn.GELU())
        self.head = torch.nn.Linear(128, n_cls)

    def forward(self, x):
        return self.head(self.body(x))


model = Net(42)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for ep in range(20):
    for xb, yb in train_loader:
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)  # error: IGD101
        opt.zero_grad()
        loss.backward()
        opt.step()
