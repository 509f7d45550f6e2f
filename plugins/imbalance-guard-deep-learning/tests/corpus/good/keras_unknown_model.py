from tensorflow import keras

from models import build_model
from prep import X_train, y_train

# compiled elsewhere: we cannot tell whether it is a classifier, so nothing is said
model = build_model()
model.fit(X_train, y_train, epochs=3)
keras.backend.clear_session()
