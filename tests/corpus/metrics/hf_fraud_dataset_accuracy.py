# A Hub data set of card transactions: not balanced, accuracy alone misleads.
from datasets import load_dataset
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

cards = load_dataset("some-org/credit-card-fraud")
train, test = cards["train"].to_pandas(), cards["test"].to_pandas()
forest = RandomForestClassifier().fit(train.drop(columns="Class"), train["Class"])
print(accuracy_score(test["Class"], forest.predict(test.drop(columns="Class"))))  # expect: IG201 fix
