import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score as acc
from sklearn.model_selection import train_test_split as tts
from sklearn.naive_bayes import GaussianNB

spam = pd.read_csv("spambase.csv")
feature_cols = [c for c in spam.columns if c != "is_spam"]
Xtr, Xte, ytr, yte = tts(spam[feature_cols], spam["is_spam"], test_size=0.33, stratify=spam["is_spam"])
nb = GaussianNB()
nb.fit(Xtr, ytr)
y_hat = nb.predict(Xte)
print(f"accuracy = {acc(yte, y_hat):.3f}")  # expect: IG201 fix
print(np.mean(y_hat == yte))
