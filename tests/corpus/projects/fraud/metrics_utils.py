"""Reporting helpers: the imbalance-aware metrics of the project live here."""

from sklearn.metrics import classification_report, f1_score


def print_metrics(y_true, y_pred):
    print("F1:", f1_score(y_true, y_pred))
    print(classification_report(y_true, y_pred))
