"""Reference values for shared/activations/initMoments.ts.

Writes test/data/gradients/moments-reference.json. For z = b + zeta, zeta ~ N(0, v) and a bias b
that is zero, uniform on [-a, a] or N(0, a^2), each case holds the nine expectations of
TensorMoments for y = f(z), d = f'(z), s = zeta:
    E[y], E[y^2], E[y^4], E[d^2], E[d^2 y^2], E[d^2 y^4], E[s d y], E[s^2 d^2], E[s^2]
as a double integral over (b, zeta) by tensor-product Gauss-Legendre in float64, the zeta axis
split where b + zeta crosses a kink of f. This is independent of the conditional moments
E[zeta | z] that the TypeScript code integrates over z alone; f and f' are written out here.

Run:  /usr/bin/python3 scripts/measure/moments.py   (a few seconds)
"""

import json
import math
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "gradients", "moments-reference.json")
ZETA_PANELS = 48  # per piece of the zeta axis, each with NODES points
BIAS_NODES = 400
NODES = 24
REACH = 12  # standard deviations integrated on either side

T = torch.float64


def sigmoid(x):
    return torch.sigmoid(x)


# id -> (f, f', kinks); the core's default parameters.
ACTIVATIONS = {
    "relu": (lambda x: torch.clamp(x, min=0), lambda x: (x > 0).to(T), [0.0]),
    "tanh": (torch.tanh, lambda x: 1 - torch.tanh(x) ** 2, []),
    "silu": (lambda x: x * sigmoid(x), lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))), []),
    "gelu": (
        lambda x: x * (1 + torch.erf(x / math.sqrt(2))) / 2,
        lambda x: (1 + torch.erf(x / math.sqrt(2))) / 2 + x * torch.exp(-x * x / 2) / math.sqrt(2 * math.pi),
        [],
    ),
    "hardshrink": (lambda x: torch.where(x.abs() > 0.5, x, torch.zeros_like(x)), lambda x: (x.abs() > 0.5).to(T), [-0.5, 0.5]),
    "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)), []),
}

CASES = [(act, v, bias) for act in ACTIVATIONS for v in [0.01, 1.0, 30.0] for bias in [("zero", 0.0), ("uniform", 0.25), ("normal", 0.2)]]

GL_X, GL_W = (torch.tensor(a, dtype=T) for a in np.polynomial.legendre.leggauss(NODES))


def composite(lo, hi, panels):
    """Nodes and weights of composite Gauss-Legendre on [lo, hi]."""
    edges = torch.linspace(lo, hi, panels + 1, dtype=T)
    half = (edges[1:] - edges[:-1]) / 2
    mid = (edges[1:] + edges[:-1]) / 2
    return (mid[:, None] + half[:, None] * GL_X[None, :]).reshape(-1), (half[:, None] * GL_W[None, :]).reshape(-1)


def inner(f, df, kinks, b, v):
    """The nine integrands' expectations over zeta at a fixed bias b."""
    s = math.sqrt(v)
    cuts = sorted({-REACH * s, REACH * s, *[k - b for k in kinks if abs(k - b) < REACH * s]})
    total = torch.zeros(9, dtype=T)
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        zeta, w = composite(lo, hi, ZETA_PANELS)
        w = w * torch.exp(-zeta * zeta / (2 * v)) / math.sqrt(2 * math.pi * v)
        z = b + zeta
        y, d = f(z), df(z)
        parts = [y, y**2, y**4, d**2, d**2 * y**2, d**2 * y**4, zeta * d * y, zeta**2 * d**2, zeta**2]
        total += torch.stack([(w * p).sum() for p in parts])
    return total


def moments(act, v, bias):
    f, df, kinks = ACTIVATIONS[act]
    kind, a = bias
    if kind == "zero":
        return inner(f, df, kinks, 0.0, v)
    if kind == "uniform":
        bs, ws = composite(-a, a, BIAS_NODES // NODES)
        ws = ws / (2 * a)
    else:
        bs, ws = composite(-REACH * a, REACH * a, BIAS_NODES // NODES)
        ws = ws * torch.exp(-bs * bs / (2 * a * a)) / math.sqrt(2 * math.pi * a * a)
    return sum(w * inner(f, df, kinks, b.item(), v) for b, w in zip(bs, ws))


def main():
    cases = []
    for act, v, bias in CASES:
        values = moments(act, v, bias)
        cases.append({"id": act, "v": v, "bias": {"kind": bias[0], "scale": bias[1]}, "moments": [float(x) for x in values]})
    with open(OUT, "w") as fh:
        json.dump({"script": "scripts/measure/moments.py", "order": ["mean", "y2", "y4", "d2", "d2y2", "d2y4", "sdy", "s2d2", "s2"], "cases": cases}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
