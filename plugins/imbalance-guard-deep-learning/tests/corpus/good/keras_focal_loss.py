import tensorflow as tf

from prep import X_train, y_train

m = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
m.compile(optimizer="adam", loss=tf.keras.losses.BinaryFocalCrossentropy(gamma=2.0))
m.fit(X_train, y_train, epochs=10)
