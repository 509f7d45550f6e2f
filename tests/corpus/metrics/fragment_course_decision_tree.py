# Pasted from a course: the imports live in an earlier cell of the original notebook.
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)  # expect: IG202 fix
tree = DecisionTreeClassifier(max_depth=4)
tree.fit(X_train, y_train)
y_pred = tree.predict(X_test)
print("Accuracy:", accuracy_score(y_test, y_pred))  # expect: IG201 fix
