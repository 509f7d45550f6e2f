#!/usr/bin/env python
# coding: utf-8

# In[1]:


get_ipython().run_line_magic('matplotlib', 'inline')
get_ipython().system('pip install -q imbalanced-learn')
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier


# In[2]:


data = pd.read_csv("stroke.csv")
features = data.drop(columns="stroke")
target = data["stroke"]
get_ipython().run_cell_magic('time', '', 'print(len(data))\n')


# In[3]:


ros = RandomOverSampler(random_state=42)
X_over, y_over = ros.fit_resample(features, target)
scores = cross_val_score(DecisionTreeClassifier(), X_over, y_over, cv=5, scoring="f1")  # expect: IG301
print(np.mean(scores))
