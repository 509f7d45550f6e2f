"""SMART attributes as tensors; no balancing here."""
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset


def make_loader(path, batch_size=512):
    frame = pd.read_parquet(path)
    features = torch.tensor(frame.drop(columns="failure").values, dtype=torch.float32)
    failed = torch.tensor(frame["failure"].values)
    return DataLoader(TensorDataset(features, failed), batch_size=batch_size, shuffle=True)
