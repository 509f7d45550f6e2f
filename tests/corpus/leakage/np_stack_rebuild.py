import numpy as np
from imblearn.over_sampling import KMeansSMOTE
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

data = np.loadtxt("sensor.csv", delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
X_k, y_k = KMeansSMOTE(cluster_balance_threshold=0.1).fit_resample(X, y)
full = np.c_[X_k, y_k]
np.random.shuffle(full)
stacked = np.hstack([full[:, :-1], full[:, -1:]])
X2, y2 = stacked[:, :-1], stacked[:, -1]
Xtr, Xte, ytr, yte = train_test_split(X2, y2, test_size=0.2)  # expect: IG301
MLPClassifier(max_iter=300).fit(Xtr, ytr)
