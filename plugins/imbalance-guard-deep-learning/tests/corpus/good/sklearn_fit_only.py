from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

from prep import X, y

X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
model = RandomForestClassifier(class_weight="balanced")
model.fit(X_tr, y_tr)
