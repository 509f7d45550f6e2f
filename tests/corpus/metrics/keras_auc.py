import tensorflow as tf
from sklearn.model_selection import train_test_split

X, y = load_features()  # noqa: F821 - defined in the competition kernel
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2)
model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["accuracy", tf.keras.metrics.AUC(name="auc"), tf.keras.metrics.Recall()],
)
model.fit(X_train, y_train, validation_data=(X_test, y_test), epochs=10)
