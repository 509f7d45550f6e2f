# The same fragment in the right order: split first, oversample the training part only.
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y)
X_res, y_res = SMOTE(random_state=42).fit_resample(X_train, y_train)
model = RandomForestClassifier().fit(X_res, y_res)
print(classification_report(y_test, model.predict(X_test)))
