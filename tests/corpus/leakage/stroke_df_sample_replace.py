# stroke prediction, oversampling with pandas .sample
import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

stroke = pd.read_csv("healthcare-dataset-stroke-data.csv")
stroke = stroke.dropna()
stroke = pd.get_dummies(stroke, columns=["gender", "work_type", "smoking_status"])

count_0, count_1 = stroke["stroke"].value_counts()
stroke_0 = stroke[stroke["stroke"] == 0]
stroke_1 = stroke[stroke["stroke"] == 1]
stroke_1_over = stroke_1.sample(count_0, replace=True)
stroke_over = pd.concat([stroke_0, stroke_1_over], axis=0).reset_index(drop=True)

features = stroke_over.drop(["id", "stroke"], axis=1).values
target = stroke_over["stroke"].to_numpy()
xtrain, xtest, ytrain, ytest = train_test_split(features, target, test_size=0.3)  # expect: IG301
tree = DecisionTreeClassifier(max_depth=6).fit(xtrain, ytrain)
print(np.mean(tree.predict(xtest) == ytest))
