import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import mean_absolute_error, roc_auc_score
from sklearn.model_selection import train_test_split

loans = pd.read_csv("loans.csv")
feats = loans[["income", "debt", "age", "term"]]

a_tr, a_te, amount_tr, amount_te = train_test_split(feats, loans["amount"], random_state=0)
amount_model = LinearRegression()
amount_model.fit(a_tr, amount_tr)
print(mean_absolute_error(amount_te, amount_model.predict(a_te)))

d_tr, d_te, default_tr, default_te = train_test_split(feats, loans["defaulted"], random_state=0)  # expect: IG202 fix
default_model = LogisticRegression(max_iter=500)
default_model.fit(d_tr, default_tr)
print(roc_auc_score(default_te, default_model.predict_proba(d_te)[:, 1]))
