import pytorch_lightning as pl

from model import LitClassifier
from data import dm

trainer = pl.Trainer(
    max_epochs=25,
    callbacks=[
        pl.callbacks.EarlyStopping(monitor="val_acc", mode="max"),  # error: IGD301
        pl.callbacks.ModelCheckpoint(dirpath="ckpt", monitor="val_f1", mode="max"),
    ],
)
trainer.fit(LitClassifier(), datamodule=dm)
