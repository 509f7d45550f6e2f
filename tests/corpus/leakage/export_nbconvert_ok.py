#!/usr/bin/env python
# coding: utf-8

# # Churn prediction
# Split first, then oversample the training part only.

# In[1]:


get_ipython().run_line_magic('matplotlib', 'inline')
get_ipython().system('pip install -q imbalanced-learn')
get_ipython().run_line_magic('load_ext', 'autoreload')
get_ipython().run_line_magic('autoreload', '2')


# In[2]:


import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split


# In[3]:


df = pd.read_csv("churn.csv")
X, y = df.drop(columns=["Exited"]), df["Exited"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)


# In[4]:


X_train_res, y_train_res = SMOTE(random_state=1).fit_resample(X_train, y_train)
clf = LogisticRegression(max_iter=1000).fit(X_train_res, y_train_res)
print(f1_score(y_test, clf.predict(X_test)))


# In[ ]:




