# stroke EDA: look at an upsampled copy, model on the original data
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score

stroke = pd.read_csv("stroke.csv").dropna()
positives = stroke[stroke.stroke == 1]
boosted = positives.sample(frac=3.0, random_state=0)
boosted["age"].hist(bins=30)
plt.title("age of stroke patients (x3 sample)")
plt.show()

X = stroke.drop(columns=["id", "stroke"])
y = stroke.stroke
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = RandomForestClassifier(class_weight="balanced").fit(X_train, y_train)
print(balanced_accuracy_score(y_test, model.predict(X_test)))
