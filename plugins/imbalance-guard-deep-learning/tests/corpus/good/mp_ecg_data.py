"""Loading the MIT-BIH beats; the training loader draws classes equally often."""
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler


def make_train_loader(path, batch_size=128):
    frame = pd.read_csv(path, header=None)
    beats = torch.tensor(frame.iloc[:, :-1].values, dtype=torch.float32).unsqueeze(1)
    labels = torch.tensor(frame.iloc[:, -1].values, dtype=torch.long)
    weights = (1.0 / torch.bincount(labels).float())[labels]
    sampler = WeightedRandomSampler(weights, num_samples=len(labels), replacement=True)
    return DataLoader(TensorDataset(beats, labels), batch_size=batch_size, sampler=sampler)
