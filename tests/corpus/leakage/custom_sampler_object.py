import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import RidgeClassifier
from mytools.sampling import GaussianNoiseUpsampler

df = pd.read_csv("signals.csv")
X, y = df.drop("event", axis=1), df.event
aug = GaussianNoiseUpsampler(ratio=1.0, sigma=0.05)
X_aug, y_aug = aug.fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_aug, y_aug)  # expect: IG301
RidgeClassifier().fit(X_train, y_train).score(X_test, y_test)
