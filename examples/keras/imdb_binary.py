"""Binary sentiment classifier: a sigmoid output with binary_crossentropy is the right pairing in Keras."""
from tensorflow import keras
from tensorflow.keras import layers

max_features = 20000

inputs = keras.Input(shape=(None,), dtype="int64")
x = layers.Embedding(max_features, 128)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
