import pandas as pd
import imblearn.over_sampling as ovs
import sklearn.model_selection as skms
from sklearn import ensemble

hr = pd.read_csv("aug_train.csv")
hr = hr.fillna(hr.median(numeric_only=True))
feats = hr.select_dtypes("number").drop(columns=["target"])
tgt = hr.target
oversampler = ovs.SMOTENC(categorical_features=[0, 2], random_state=4)
feats_o, tgt_o = oversampler.fit_resample(feats, tgt)
trX, teX, trY, teY = skms.train_test_split(feats_o, tgt_o, train_size=0.8)  # expect: IG301
gbm = ensemble.HistGradientBoostingClassifier().fit(trX, trY)
print(gbm.score(teX, teY))
