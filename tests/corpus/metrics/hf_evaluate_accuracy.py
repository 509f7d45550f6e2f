import evaluate
import numpy as np
from transformers import Trainer, TrainingArguments

metric = evaluate.load("accuracy")  # expect: IG201


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    predictions = np.argmax(logits, axis=-1)
    return metric.compute(predictions=predictions, references=labels)


args = TrainingArguments("out", evaluation_strategy="epoch", num_train_epochs=2)
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds,  # noqa: F821
                  compute_metrics=compute_metrics)
trainer.train()
