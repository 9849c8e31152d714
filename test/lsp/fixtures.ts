// Model sources the protocol tests open, and exact ranges computed from their text.

import type { Range } from 'vscode-languageserver-protocol';

/** A GAN discriminator: LeakyReLU hidden layer, sigmoid output feeding BCELoss (ACT010). */
export const DISCRIMINATOR = `import torch
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(784, 256),
            nn.LeakyReLU(0.2),
            nn.Linear(256, 256),
            nn.LeakyReLU(0.2),
            nn.Linear(256, 1),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.main(x)


model = Discriminator()
criterion = nn.BCELoss()


def train_step(x, y):
    return criterion(model(x), y)
`;

/** Keras with string and callable activations, and PyTorch functional and method forms. */
export const KERAS_AND_FORMS = `import tensorflow as tf
from tensorflow import keras
import torch.nn.functional as F

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(64, activation=tf.nn.gelu),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")


def head(x):
    return F.relu(x).sigmoid()
`;

/** Nothing to report. */
export const CLEAN = `import torch.nn as nn

net = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1))
`;

/** The range of the `occurrence`-th (0-based) `needle` in `text`, optionally narrowed to a prefix of `length`. */
export function rangeOf(text: string, needle: string, occurrence = 0, length = needle.length): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' #${occurrence} not in text`);
  }
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(at), end: position(at + length) };
}
