import pandas as pd
from imblearn.under_sampling import OneSidedSelection
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression


class Trainer:
    def __init__(self, path):
        self.df = pd.read_csv(path)
        self.sampler = OneSidedSelection(random_state=0)

    def prepare(self):
        X = self.df.drop("y", axis=1)
        y = self.df["y"]
        self.X, self.y = self.sampler.fit_resample(X, y)
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(self.X, self.y)  # expect: IG203

    def fit(self):
        self.model = LogisticRegression().fit(self.X_train, self.y_train)
        return self.model.score(self.X_test, self.y_test)


t = Trainer("data.csv")
t.prepare()
print(t.fit())
