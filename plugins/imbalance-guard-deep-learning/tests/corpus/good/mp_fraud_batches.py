"""Batches with as many frauds as genuine transactions (imbalanced-learn)."""
import pandas as pd
from imblearn.keras import BalancedBatchGenerator
from imblearn.under_sampling import RandomUnderSampler


def training_batches(path="creditcard.csv"):
    frame = pd.read_csv(path)
    X, y = frame.drop(columns="Class").values, frame["Class"].values
    return BalancedBatchGenerator(X, y, sampler=RandomUnderSampler(), batch_size=256)
