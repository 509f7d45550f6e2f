from scipy.stats import randint
from sklearn.ensemble import RandomForestClassifier
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingRandomSearchCV

search = HalvingRandomSearchCV(
    RandomForestClassifier(),
    {"max_depth": randint(2, 20), "min_samples_leaf": randint(1, 10)},
    scoring="accuracy",  # expect: IG201 fix
    factor=3,
)
search.fit(X_train, y_train)  # noqa: F821
print(search.best_score_)
