import numpy as np
import matplotlib.pyplot as plt
import pandas as pd
from imblearn.under_sampling import EditedNearestNeighbours
from sklearn import model_selection as ms
from sklearn.linear_model import SGDClassifier

df = pd.read_csv("shuttle.csv")
X, y = df.iloc[:, :-1], df.iloc[:, -1]
enn = EditedNearestNeighbours()
Xe, ye = enn.fit_resample(X, y)
sizes, train_scores, val_scores = ms.learning_curve(  # expect: IG203
    SGDClassifier(), Xe, ye, cv=5, train_sizes=np.linspace(0.1, 1.0, 5)
)
plt.plot(sizes, val_scores.mean(axis=1))
plt.show()
