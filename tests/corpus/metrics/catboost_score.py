import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split

df = pd.read_csv("hotel_bookings.csv")
y = df.pop("is_canceled")
cat_cols = list(df.select_dtypes("object").columns)
X_tr, X_val, y_tr, y_val = train_test_split(df, y, test_size=0.15, random_state=0)  # expect: IG202 fix
cb = CatBoostClassifier(iterations=800, verbose=100, cat_features=cat_cols)
cb.fit(X_tr, y_tr, eval_set=(X_val, y_val))
print(cb.score(X_val, y_val))  # expect: IG201 fix
