import matplotlib.pyplot as plt
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import MinMaxScaler

df = pd.read_csv("diabetes.csv")
X = MinMaxScaler().fit_transform(df.drop("Outcome", axis=1))
y = df.Outcome
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=1 / 3, random_state=42)  # expect: IG202 fix

test_scores = []
for k in range(1, 15):
    knn = KNeighborsClassifier(k)
    knn.fit(X_train, y_train)
    test_scores.append(knn.score(X_test, y_test))  # expect: IG201 fix
plt.plot(range(1, 15), test_scores, marker="o")
