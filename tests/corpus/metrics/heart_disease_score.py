import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

heart = pd.read_csv("heart.csv")
heart.info()
X = heart.drop(columns="target")
y = heart.target
Xtrain, Xtest, ytrain, ytest = train_test_split(X, y, stratify=y, test_size=0.25)

logreg = LogisticRegression(C=0.5, max_iter=500)
logreg.fit(Xtrain, ytrain)
print("Train score", logreg.score(Xtrain, ytrain))  # expect: IG201 fix
print("Test score", logreg.score(Xtest, ytest))  # expect: IG201 fix
