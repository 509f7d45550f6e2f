import pandas as pd
import sklearn.pipeline as skpipe
from imblearn.under_sampling import RandomUnderSampler as RUS
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_validate

df = pd.read_parquet("transactions.parquet")
X, y = df.drop(columns="is_fraud"), df.is_fraud
under = RUS(sampling_strategy=0.5)
pipe = skpipe.make_pipeline(under, RandomForestClassifier())  # expect: IG303
res = cross_validate(pipe, X, y, scoring=["recall", "precision"], cv=3)
print(res)
