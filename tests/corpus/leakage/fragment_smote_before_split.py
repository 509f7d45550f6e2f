# Pasted from a tutorial without its imports: SMOTE runs on the whole data set first.
sm = SMOTE(random_state=42)
X_res, y_res = sm.fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25)  # expect: IG301
model = RandomForestClassifier().fit(X_train, y_train)
print(classification_report(y_test, model.predict(X_test)))
