import tensorflow as tf

(train_images, train_labels), _ = tf.keras.datasets.cifar10.load_data()
model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(train_images, train_labels, epochs=10)
