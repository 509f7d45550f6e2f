# A home-made SMOTE of the same name: the file's own function, not imbalanced-learn's.
import random


class SMOTE:
    def fit_resample(self, X, y):
        return X, y


def train_test_split(X, y, test_size):
    cut = int(len(X) * (1 - test_size))
    return X[:cut], X[cut:], y[:cut], y[cut:]


X_res, y_res = SMOTE().fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25)
random.shuffle(X_train)
