"""A 1990s-style MLP on MNIST: six sigmoid hidden layers, no normalisation."""
import torch
from torch import nn


class DeepSigmoidMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 256),
            nn.Sigmoid(),  # expect: ACT001
            nn.Linear(256, 256),
            nn.Sigmoid(),
            nn.Linear(256, 256),
            nn.Sigmoid(),
            nn.Linear(256, 256),
            nn.Sigmoid(),
            nn.Linear(256, 256),
            nn.Sigmoid(),
            nn.Linear(256, 256),
            nn.Sigmoid(),
            nn.Linear(256, 10),
        )

    def forward(self, x):
        return self.net(x)


model = DeepSigmoidMLP()
criterion = nn.CrossEntropyLoss()
