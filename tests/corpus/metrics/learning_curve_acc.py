import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import learning_curve, validation_curve
from sklearn.tree import DecisionTreeClassifier

X, y = np.load("X.npy"), np.load("y.npy")
sizes, tr, te = learning_curve(DecisionTreeClassifier(), X, y, cv=5, scoring="accuracy")  # expect: IG201 fix
plt.plot(sizes, te.mean(1))
depths = np.arange(1, 15)
tr2, te2 = validation_curve(
    DecisionTreeClassifier(), X, y, param_name="max_depth", param_range=depths,
    scoring="accuracy",  # expect: IG201 fix
)
plt.plot(depths, te2.mean(1))
