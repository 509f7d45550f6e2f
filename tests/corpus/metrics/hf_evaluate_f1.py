import evaluate
import numpy as np

accuracy = evaluate.load("accuracy")
f1 = evaluate.load("f1")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)
    out = accuracy.compute(predictions=preds, references=labels)
    out.update(f1.compute(predictions=preds, references=labels, average="macro"))
    return out
