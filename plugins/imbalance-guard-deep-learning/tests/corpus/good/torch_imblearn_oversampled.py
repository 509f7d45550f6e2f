import torch
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

from prep import X, y

X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=1)
X_bal, y_bal = RandomOverSampler(random_state=1).fit_resample(X_tr, y_tr)
train_dl = DataLoader(TensorDataset(torch.tensor(X_bal), torch.tensor(y_bal)), batch_size=128,
                      shuffle=True)
test_dl = DataLoader(TensorDataset(torch.tensor(X_te), torch.tensor(y_te)), batch_size=512)
criterion = torch.nn.CrossEntropyLoss()
