# A fragment from a forum answer: XGBoost, scored with its default score.
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=7)
model = XGBClassifier(n_estimators=200, max_depth=5)
model.fit(X_train, y_train)
print(model.score(X_test, y_test))  # expect: IG201 fix
