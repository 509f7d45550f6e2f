import torch
from torchmetrics import Accuracy, F1Score

acc_metric = Accuracy(task="multiclass", num_classes=5)
f1_metric = F1Score(task="multiclass", num_classes=5, average="macro")
for batch, target in val_loader:  # noqa: F821
    preds = model(batch).argmax(1)  # noqa: F821
    acc_metric.update(preds, target)
    f1_metric.update(preds, target)
print(acc_metric.compute(), f1_metric.compute(), torch.cuda.is_available())
