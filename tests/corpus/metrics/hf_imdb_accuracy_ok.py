# IMDB reviews are 50/50 positive and negative: accuracy is a fair summary.
from datasets import load_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

imdb = load_dataset("imdb")
vec = TfidfVectorizer(max_features=20000)
X_train = vec.fit_transform(imdb["train"]["text"])
X_test = vec.transform(imdb["test"]["text"])
clf = LogisticRegression(max_iter=1000).fit(X_train, imdb["train"]["label"])
print(accuracy_score(imdb["test"]["label"], clf.predict(X_test)))
