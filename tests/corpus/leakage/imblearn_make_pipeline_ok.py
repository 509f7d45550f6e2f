import pandas as pd
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_validate
from sklearn.pipeline import make_pipeline as sk_make_pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_parquet("transactions.parquet")
X, y = df.drop(columns="is_fraud"), df.is_fraud
prep = sk_make_pipeline(StandardScaler())
pipe = make_pipeline(prep, RandomUnderSampler(sampling_strategy=0.5), RandomForestClassifier())
res = cross_validate(pipe, X, y, scoring=["recall", "precision"], cv=3)
print(res)
