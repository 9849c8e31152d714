"""IMDB review sentiment, shaped like the Keras text classification tutorial."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

max_features, embedding_dim, sequence_length = 20000, 128, 500

inputs = keras.Input(shape=(sequence_length,), dtype="int64")
x = layers.Embedding(max_features, embedding_dim)(inputs)
x = layers.Dropout(0.5)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)  # expect: ACT010

model = keras.Model(inputs, predictions)
model.compile(
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    optimizer="adam",
    metrics=["accuracy"],
)
