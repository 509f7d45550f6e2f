# Stroke prediction (5 % positives): a sigmoid head trained with BCELoss
import pandas as pd
import torch
import torch.nn as nn

df = pd.read_csv("healthcare-dataset-stroke-data.csv")
X = torch.tensor(df.drop(columns=["stroke"]).values, dtype=torch.float32)
y = torch.tensor(df["stroke"].values, dtype=torch.float32)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = nn.Sequential(nn.Linear(X.shape[1], 32), nn.ReLU(), nn.Linear(32, 1), nn.Sigmoid()).to(device)
criterion = nn.BCELoss()  # error: IGD101
optimizer = torch.optim.Adam(model.parameters())

for epoch in range(20):
    optimizer.zero_grad()
    loss = criterion(model(X.to(device)).squeeze(1), y.to(device))
    loss.backward()
    optimizer.step()
