#!/usr/bin/env python3
"""PyTorch's own float64 outputs and autograd derivatives at the kinks (and a few ordinary points),
written to test/data/activations/pytorch-kinks.json. The tests check that the core follows the same
conventions there (relu'(0) = 0, hardswish'(-3) = -0.5, softplus switching to x only above the
threshold, ...). Tails are left out on purpose: there PyTorch is the less accurate side.

Run: /usr/bin/python3 scripts/reference/pytorch_kinks.py   (needs torch; written with torch 1.13)
"""
import json
from pathlib import Path

import torch
import torch.nn.functional as F

OUT = Path(__file__).resolve().parents[2] / 'test' / 'data' / 'activations' / 'pytorch-kinks.json'
ORDINARY = [-4.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 4.0]

# (core id, core params, torch function of a float64 tensor, kink points)
CASES = [
    ('relu', {}, F.relu, [0.0, -0.0]),
    ('relu6', {}, F.relu6, [0.0, 6.0]),
    ('leaky_relu', {'negative_slope': 0.01}, lambda t: F.leaky_relu(t, 0.01), [0.0]),
    ('leaky_relu', {'negative_slope': 0.2}, lambda t: F.leaky_relu(t, 0.2), [0.0]),
    ('prelu', {'weight': 0.25}, lambda t: F.prelu(t, torch.tensor([0.25], dtype=torch.float64)), [0.0]),
    ('rrelu', {}, lambda t: F.rrelu(t, training=False), [0.0]),
    ('threshold', {'threshold': 0.0, 'value': 0.0}, lambda t: F.threshold(t, 0.0, 0.0), [0.0]),
    ('threshold', {'threshold': 0.5, 'value': -1.0}, lambda t: F.threshold(t, 0.5, -1.0), [0.5]),
    ('identity', {}, torch.nn.Identity(), [0.0]),
    ('elu', {'alpha': 1.0}, F.elu, [0.0]),
    ('elu', {'alpha': 2.0}, lambda t: F.elu(t, alpha=2.0), [0.0]),
    ('selu', {}, F.selu, [0.0]),
    ('celu', {'alpha': 1.0}, F.celu, [0.0]),
    ('celu', {'alpha': 0.5}, lambda t: F.celu(t, alpha=0.5), [0.0]),
    ('sigmoid', {}, torch.sigmoid, [0.0]),
    ('tanh', {}, torch.tanh, [0.0]),
    ('softsign', {}, F.softsign, [0.0]),
    ('logsigmoid', {}, F.logsigmoid, [0.0]),
    ('softplus', {'beta': 1.0, 'threshold': 20.0}, F.softplus, [20.0, 19.999999, 20.000001]),
    ('softplus', {'beta': 2.0, 'threshold': 10.0}, lambda t: F.softplus(t, beta=2.0, threshold=10.0), [5.0, 5.000001]),
    ('gelu', {'approximate': 'none'}, F.gelu, [0.0]),
    ('gelu', {'approximate': 'tanh'}, lambda t: F.gelu(t, approximate='tanh'), [0.0]),
    ('gelu_sigmoid', {}, lambda t: t * torch.sigmoid(1.702 * t), [0.0]),
    ('silu', {}, F.silu, [0.0]),
    ('mish', {}, F.mish, [0.0]),
    ('hardsigmoid', {}, F.hardsigmoid, [-3.0, 3.0]),
    ('hardtanh', {'min_val': -1.0, 'max_val': 1.0}, F.hardtanh, [-1.0, 1.0]),
    ('hardtanh', {'min_val': -2.0, 'max_val': 3.0}, lambda t: F.hardtanh(t, -2.0, 3.0), [-2.0, 3.0]),
    ('hardswish', {}, F.hardswish, [-3.0, 3.0, -1.5]),
    ('tanhshrink', {}, F.tanhshrink, [0.0]),
    ('softshrink', {'lambd': 0.5}, F.softshrink, [-0.5, 0.5]),
    ('hardshrink', {'lambd': 0.5}, F.hardshrink, [-0.5, 0.5]),
]


def value_and_grad(fn, x):
    t = torch.tensor([x], dtype=torch.float64, requires_grad=True)
    y = fn(t)
    y.backward()
    return y.item(), t.grad.item()


def main():
    cases = []
    for fid, params, fn, kinks in CASES:
        points = []
        for x in kinks + [o for o in ORDINARY if o not in kinks]:
            y, dy = value_and_grad(fn, x)
            points.append({'x': x, 'f': y, 'df': dy, 'kink': x in kinks})
        cases.append({'id': fid, 'params': params, 'points': points})
    data = {'generator': 'scripts/reference/pytorch_kinks.py', 'torch': torch.__version__, 'cases': cases}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + '\n')
    print(f'wrote {OUT} ({len(cases)} cases, torch {torch.__version__})')


if __name__ == '__main__':
    main()
