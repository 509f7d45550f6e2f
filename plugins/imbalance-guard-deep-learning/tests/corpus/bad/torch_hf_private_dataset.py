# A Hugging Face data set nobody knows the balance of
import torch.nn as nn
from datasets import load_dataset

ds = load_dataset("acme/claims-fraud", split="train")
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 2))
criterion = nn.CrossEntropyLoss()  # error: IGD101
