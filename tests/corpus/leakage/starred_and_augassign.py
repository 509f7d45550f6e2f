import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import BaggingClassifier

raw = pd.read_csv("wine_quality.csv")
raw["good"] = (raw["quality"] >= 7).astype(int)
first, *rest = [raw.drop(columns=["quality", "good"]), raw["good"], raw["quality"]]
X_o, y_o = RandomOverSampler().fit_resample(first, rest[0])
X_o = X_o.to_numpy()
X_o += np.random.normal(0, 0.01, X_o.shape)
parts = train_test_split(X_o, y_o, test_size=0.25)  # expect: IG301
X_train, X_test, *labels = parts
BaggingClassifier().fit(X_train, labels[0])
