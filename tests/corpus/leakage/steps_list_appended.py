import pandas as pd
from imblearn.under_sampling import InstanceHardnessThreshold
from sklearn.pipeline import Pipeline, FeatureUnion
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.ensemble import GradientBoostingClassifier

df = pd.read_csv("x.csv")
steps = [("features", FeatureUnion([("pca", PCA(5)), ("svd", TruncatedSVD(5))]))]
steps.append(("iht", InstanceHardnessThreshold()))
steps.append(("gb", GradientBoostingClassifier()))
model = Pipeline(steps)  # expect: IG303 fix
model.fit(df.drop("y", axis=1), df.y)
