from keras import Input, Model, layers, losses

from features import train_x, train_y, test_x

inp = Input(shape=(128,))
h = layers.Dense(256, activation="relu")(inp)
out = layers.Dense(10, activation="softmax")(h)
network = Model(inp, out)
network.compile(optimizer="rmsprop", loss=losses.CategoricalCrossentropy(label_smoothing=0.05))

network.fit(  # error: IGD102
    train_x,
    train_y,
    batch_size=128,
    epochs=12,
)
preds = network.predict(test_x)
