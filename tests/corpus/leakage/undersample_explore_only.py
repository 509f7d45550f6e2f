import pandas as pd
import seaborn as sns
from imblearn.under_sampling import RandomUnderSampler, ClusterCentroids
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("creditcard.csv")
X, y = df.drop("Class", axis=1), df["Class"]

# quick look at a balanced subsample: correlations are easier to see
rus = RandomUnderSampler(random_state=0)
X_small, y_small = rus.fit_resample(X, y)
sample_df = X_small.assign(Class=y_small)
sns.heatmap(sample_df.corr(), cmap="coolwarm_r")
cc_X, cc_y = ClusterCentroids().fit_resample(X[["V1", "V2"]], y)
print(cc_X.describe())

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
tree = DecisionTreeClassifier(class_weight="balanced").fit(X_train, y_train)
print(tree.score(X_test, y_test))
