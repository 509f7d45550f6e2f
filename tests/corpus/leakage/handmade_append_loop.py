import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("defects.csv")
defective = df[df.defect == 1]
frames = [df]
for _ in range(6):
    frames.append(defective)
big = pd.concat(frames)
X_tr, X_te, y_tr, y_te = train_test_split(big.drop("defect", axis=1), big.defect)  # expect: IG301
print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
