"""Cassava leaf disease -- 5 classes, CMD is 61 % of the images."""
import os

import pandas as pd
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, Dataset
from torchvision import models, transforms
from PIL import Image

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
train_csv = pd.read_csv("/kaggle/input/cassava-leaf-disease-classification/train.csv")


class LeafDS(Dataset):
    def __init__(self, df, tfm):
        self.df, self.tfm = df.reset_index(drop=True), tfm

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        img = Image.open(os.path.join("train_images", row.image_id)).convert("RGB")
        return self.tfm(img), row.label


tfm = transforms.Compose([transforms.Resize((256, 256)), transforms.ToTensor()])
loader = DataLoader(LeafDS(train_csv, tfm), batch_size=32, shuffle=True, num_workers=2)

net = models.resnet18(pretrained=True)
net.fc = nn.Linear(net.fc.in_features, 5)
net = net.to(DEVICE)
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)  # error: IGD101
optimizer = optim.AdamW(net.parameters(), lr=3e-4)

for epoch in range(5):
    net.train()
    for imgs, labels in loader:
        imgs, labels = imgs.to(DEVICE), labels.to(DEVICE)
        optimizer.zero_grad()
        out = net(imgs)
        l = loss_fn(out, labels)
        l.backward()
        optimizer.step()
