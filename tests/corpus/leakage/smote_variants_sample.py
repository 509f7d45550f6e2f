import pandas as pd
import smote_variants as sv
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("glass.csv")
X, y = df.drop("Type", axis=1).to_numpy(), df["Type"].to_numpy()
oversampler = sv.polynom_fit_SMOTE_star()
X_samp, y_samp = oversampler.sample(X, y)
print(cross_val_score(DecisionTreeClassifier(), X_samp, y_samp, cv=5, scoring="f1_macro"))  # expect: IG301
