import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("stroke.csv")
minority = df[df["stroke"] == 1]
ratio = int((df["stroke"] == 0).sum() / len(minority))
upsampled = pd.concat([df] + [minority] * (ratio - 1), ignore_index=True)
train, test = train_test_split(upsampled, test_size=0.2, random_state=7)  # expect: IG301
gb = GradientBoostingClassifier().fit(train.drop("stroke", axis=1), train["stroke"])
print(recall_score(test["stroke"], gb.predict(test.drop("stroke", axis=1))))
