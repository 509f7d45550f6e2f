from imblearn.over_sampling import SMOTEN
from sklearn.model_selection import cross_val_predict
from sklearn.naive_bayes import CategoricalNB
from sklearn.metrics import confusion_matrix
import pandas as pd

mush = pd.read_csv("mushrooms.csv").apply(lambda col: col.astype("category").cat.codes)
target = mush.pop("class")
feats_res, target_res = SMOTEN().fit_resample(mush, target)
predicted = cross_val_predict(CategoricalNB(), feats_res, target_res, cv=10)  # expect: IG301
print(confusion_matrix(target_res, predicted))
