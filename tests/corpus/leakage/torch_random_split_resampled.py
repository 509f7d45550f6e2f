import pandas as pd
import torch
from imblearn.over_sampling import SMOTE
from torch.utils.data import DataLoader, TensorDataset, random_split

df = pd.read_csv("sensor_faults.csv")
X, y = df.drop("fault", axis=1).to_numpy(), df["fault"].to_numpy()
X_s, y_s = SMOTE().fit_resample(X, y)
dataset = TensorDataset(torch.tensor(X_s, dtype=torch.float32), torch.tensor(y_s))
train_ds, val_ds = random_split(dataset, [0.8, 0.2])  # expect: IG301
train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)
val_loader = DataLoader(val_ds, batch_size=256)
