# Visualise what SMOTE does in 2-D; the model itself is trained without it.
import matplotlib.pyplot as plt
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split, cross_val_score

df = pd.read_csv("glass.csv")
X, y = df.drop("Type", axis=1), df["Type"]
X2 = PCA(n_components=2).fit_transform(X)
X2_res, y2_res = SMOTE(k_neighbors=3).fit_resample(X2, y)
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
axes[0].scatter(X2[:, 0], X2[:, 1], c=y, s=8)
axes[1].scatter(X2_res[:, 0], X2_res[:, 1], c=y2_res, s=8)
axes[1].set_title("after SMOTE")
plt.show()

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
lr = LogisticRegression(class_weight="balanced", max_iter=3000)
print(cross_val_score(lr, X_train, y_train, cv=5, scoring="f1_macro").mean())
