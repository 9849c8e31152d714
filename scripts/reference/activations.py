#!/usr/bin/env python3
"""Exact reference values for the activation core, written to test/data/activations/reference.json.

Every activation is PyTorch's definition (or the framework variant's) evaluated in mpmath at 50
significant digits on the exact binary value of each float input and parameter; constants of the
definitions (SELU's alpha and scale, 0.044715, sqrt(2/pi), 1.702, 1/5, 1/6) are exact. Derivatives are
the symbolic derivatives, with PyTorch's choice at kinks (checked against torch itself by
pytorch_kinks.py). Each value is recomputed at 120 digits and must agree to 1e-20, so cancellation in a
formula cannot pass unnoticed. Also written: E[f'(z)] and E[f'(z)^2] for z ~ N(0,1) by mpmath quad
split at the kinks, and the interior extrema of f and f' located with mpmath.findroot.

Run: /usr/bin/python3 scripts/reference/activations.py   (needs mpmath only)
"""
import json
from pathlib import Path

import mpmath as mp

OUT = Path(__file__).resolve().parents[2] / 'test' / 'data' / 'activations' / 'reference.json'
DPS = 60
CHECK_DPS = 120

SELU_ALPHA = '1.6732632423543772848170429916717'
SELU_SCALE = '1.0507009873554804934193349852946'


def sig(z):
    return 1 / (1 + mp.exp(-z))


def sig_slope(z):
    # d/dz 1/(1+e^-z), the symbolic derivative (no 1 - sigma cancellation).
    e = mp.exp(-z)
    return e / (1 + e) ** 2


def sech2(z):
    return 1 / mp.cosh(z) ** 2


def leaky(slope):
    return (lambda x, p: x if x > 0 else slope(p) * x, lambda x, p: mp.mpf(1) if x > 0 else slope(p))


def gelu_f(x, p):
    if p['approximate'] == 'tanh':
        u = mp.sqrt(2 / mp.pi) * (x + mp.mpf('0.044715') * x ** 3)
        return x / (1 + mp.exp(-2 * u))  # 0.5 x (1 + tanh u), with 1 + tanh u = 2 / (1 + e^{-2u})
    return x / 2 * mp.erfc(-x / mp.sqrt(2))


def gelu_df(x, p):
    if p['approximate'] == 'tanh':
        u = mp.sqrt(2 / mp.pi) * (x + mp.mpf('0.044715') * x ** 3)
        du = mp.sqrt(2 / mp.pi) * (1 + 3 * mp.mpf('0.044715') * x ** 2)
        return 1 / (1 + mp.exp(-2 * u)) + x / 2 * sech2(u) * du
    return mp.erfc(-x / mp.sqrt(2)) / 2 + x * mp.exp(-x ** 2 / 2) / mp.sqrt(2 * mp.pi)


def softplus_branch(x, p):
    # PyTorch compares the float product beta * x with the threshold.
    return float(p['beta']) * float(x) > float(p['threshold'])


def mish_parts(x):
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp), sech2(sp) * sig(x)


Q = mp.mpf('0.044715')
QUICK = mp.mpf('1.702')

# id -> (f, df, kinks); p holds mpf (numbers) or str, x is an mpf.
DEFS = {
    'relu': (lambda x, p: x if x > 0 else mp.mpf(0), lambda x, p: mp.mpf(1 if x > 0 else 0), lambda p: [0]),
    'relu6': (lambda x, p: mp.mpf(0) if x <= 0 else (mp.mpf(6) if x >= 6 else x),
              lambda x, p: mp.mpf(0 if x <= 0 or x >= 6 else 1), lambda p: [0, 6]),
    'leaky_relu': (*leaky(lambda p: p['negative_slope']), lambda p: [0]),
    'prelu': (*leaky(lambda p: p['weight']), lambda p: [0]),
    'rrelu': (*leaky(lambda p: (p['lower'] + p['upper']) / 2), lambda p: [0]),
    'threshold': (lambda x, p: x if x > p['threshold'] else p['value'],
                  lambda x, p: mp.mpf(1 if x > p['threshold'] else 0), lambda p: [p['threshold']]),
    'identity': (lambda x, p: x, lambda x, p: mp.mpf(1), lambda p: []),
    'elu': (lambda x, p: x if x > 0 else p['alpha'] * mp.expm1(x),
            lambda x, p: mp.mpf(1) if x > 0 else p['alpha'] * mp.exp(x), lambda p: [0]),
    'selu': (lambda x, p: mp.mpf(SELU_SCALE) * (x if x > 0 else mp.mpf(SELU_ALPHA) * mp.expm1(x)),
             lambda x, p: mp.mpf(SELU_SCALE) * (1 if x > 0 else mp.mpf(SELU_ALPHA) * mp.exp(x)), lambda p: [0]),
    'celu': (lambda x, p: x if x > 0 else p['alpha'] * mp.expm1(x / p['alpha']),
             lambda x, p: mp.mpf(1) if x > 0 else mp.exp(x / p['alpha']), lambda p: [0]),
    'sigmoid': (lambda x, p: sig(x), lambda x, p: sig_slope(x), lambda p: []),
    'tanh': (lambda x, p: mp.tanh(x), lambda x, p: sech2(x), lambda p: []),
    'softsign': (lambda x, p: x / (1 + abs(x)), lambda x, p: 1 / (1 + abs(x)) ** 2, lambda p: [0]),
    'logsigmoid': (lambda x, p: -mp.log1p(mp.exp(-x)), lambda x, p: sig(-x), lambda p: []),
    'softplus': (lambda x, p: x if softplus_branch(x, p) else mp.log1p(mp.exp(p['beta'] * x)) / p['beta'],
                 lambda x, p: mp.mpf(1) if softplus_branch(x, p) else sig(p['beta'] * x),
                 lambda p: [p['threshold'] / p['beta']]),
    'gelu': (gelu_f, gelu_df, lambda p: []),
    'gelu_sigmoid': (lambda x, p: x * sig(QUICK * x), lambda x, p: sig(QUICK * x) + QUICK * x * sig_slope(QUICK * x),
                     lambda p: []),
    'silu': (lambda x, p: x * sig(x), lambda x, p: sig(x) + x * sig_slope(x), lambda p: []),
    'mish': (lambda x, p: x * mish_parts(x)[0], lambda x, p: mish_parts(x)[0] + x * mish_parts(x)[1], lambda p: []),
    'hardsigmoid': (lambda x, p: mp.mpf(0) if x <= -3 else (mp.mpf(1) if x >= 3 else x / 6 + mp.mpf(1) / 2),
                    lambda x, p: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0), lambda p: [-3, 3]),
    'keras2.hard_sigmoid': (lambda x, p: min(max(x / 5 + mp.mpf(1) / 2, mp.mpf(0)), mp.mpf(1)),
                            lambda x, p: mp.mpf(1) / 5 if -2.5 <= x <= 2.5 else mp.mpf(0), lambda p: [-2.5, 2.5]),
    'hardtanh': (lambda x, p: p['min_val'] if x <= p['min_val'] else (p['max_val'] if x >= p['max_val'] else x),
                 lambda x, p: mp.mpf(0 if x <= p['min_val'] or x >= p['max_val'] else 1),
                 lambda p: [p['min_val'], p['max_val']]),
    'hardswish': (lambda x, p: x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6,
                  lambda x, p: mp.mpf(0) if x < -3 else (x / 3 + mp.mpf(1) / 2 if x <= 3 else mp.mpf(1)),
                  lambda p: [-3, 3]),
    'tanhshrink': (lambda x, p: x - mp.tanh(x), lambda x, p: mp.tanh(x) ** 2, lambda p: []),
    'softshrink': (lambda x, p: x - p['lambd'] if x > p['lambd'] else (x + p['lambd'] if x < -p['lambd'] else mp.mpf(0)),
                   lambda x, p: mp.mpf(0 if -p['lambd'] <= x <= p['lambd'] else 1),
                   lambda p: [-p['lambd'], p['lambd']]),
    'hardshrink': (lambda x, p: mp.mpf(0) if -p['lambd'] <= x <= p['lambd'] else x,
                   lambda x, p: mp.mpf(0 if -p['lambd'] <= x <= p['lambd'] else 1),
                   lambda p: [-p['lambd'], p['lambd']]),
}

# Each case: id and parameter values (floats as the core holds them; defaults spelled out).
CASES = [
    ('relu', {}), ('relu6', {}),
    ('leaky_relu', {'negative_slope': 0.01}), ('leaky_relu', {'negative_slope': 0.2}), ('leaky_relu', {'negative_slope': 0.3}),
    ('prelu', {'weight': 0.25}), ('prelu', {'weight': -0.5}),
    ('rrelu', {'lower': 1 / 8, 'upper': 1 / 3}), ('rrelu', {'lower': 0.1, 'upper': 0.3}),
    ('threshold', {'threshold': 0.0, 'value': 0.0}), ('threshold', {'threshold': 0.5, 'value': -1.0}),
    ('identity', {}),
    ('elu', {'alpha': 1.0}), ('elu', {'alpha': 0.5}), ('elu', {'alpha': 2.0}),
    ('selu', {}),
    ('celu', {'alpha': 1.0}), ('celu', {'alpha': 0.5}), ('celu', {'alpha': 2.0}),
    ('sigmoid', {}), ('tanh', {}), ('softsign', {}), ('logsigmoid', {}),
    ('softplus', {'beta': 1.0, 'threshold': 20.0}), ('softplus', {'beta': 2.0, 'threshold': 10.0}),
    ('softplus', {'beta': 0.5, 'threshold': 20.0}),
    ('gelu', {'approximate': 'none'}), ('gelu', {'approximate': 'tanh'}),
    ('gelu_sigmoid', {}), ('silu', {}), ('mish', {}),
    ('hardsigmoid', {}), ('keras2.hard_sigmoid', {}),
    ('hardtanh', {'min_val': -1.0, 'max_val': 1.0}), ('hardtanh', {'min_val': -2.0, 'max_val': 3.0}),
    ('hardswish', {}), ('tanhshrink', {}),
    ('softshrink', {'lambd': 0.5}), ('softshrink', {'lambd': 1.0}),
    ('hardshrink', {'lambd': 0.5}), ('hardshrink', {'lambd': 1.0}),
]

# Tails, kinks of the default definitions and their neighbourhoods, underflow and overflow edges.
MAGNITUDES = [
    0.0, 5e-324, 1e-300, 1e-150, 1e-15, 1e-8, 1e-3, 0.1, 0.25, 0.4999, 0.5, 0.5001, 0.75, 1.0, 1.5, 2.0,
    2.4999, 2.5, 2.5001, 2.9999, 3.0, 3.0001, 5.0, 5.9999, 6.0, 6.0001, 8.0, 10.0, 19.999, 20.0, 20.001,
    30.0, 37.0, 40.0, 45.0, 100.0, 500.0, 700.0, 745.0, 800.0, 1e4,
]
BASE_GRID = sorted({s * m for m in MAGNITUDES for s in (1.0, -1.0)})


def grid(kinks):
    near = set()
    for k in kinks:
        k = float(k)
        step = 1e-4 * max(1.0, abs(k))
        near.update({k, k - step, k + step})
    return sorted(set(BASE_GRID) | near)


def mp_params(params):
    return {k: (v if isinstance(v, str) else mp.mpf(v)) for k, v in params.items()}


def at(dps, fn, x, params):
    with mp.workdps(dps):
        return fn(mp.mpf(x), mp_params(params))


def exact(fn, x, params, what):
    """fn at DPS digits, cross-checked at CHECK_DPS digits; rounded to the nearest double."""
    a = at(DPS, fn, x, params)
    b = at(CHECK_DPS, fn, x, params)
    with mp.workdps(CHECK_DPS):
        tiny = abs(b) < mp.mpf('1e-320') and abs(a) < mp.mpf('1e-320')
        if not tiny and abs(a - b) > mp.mpf('1e-20') * abs(b):
            raise SystemExit(f'{what}({x}): {DPS} and {CHECK_DPS} digits disagree ({a} vs {b})')
        return float(b)


def expectation(df, kinks, params, square):
    """E[df(z)] or E[df(z)^2], z ~ N(0,1), integrating piecewise between the kinks."""
    with mp.workdps(30):
        p = mp_params(params)
        cuts = sorted({mp.mpf(0), *(mp.mpf(k) for k in kinks)})
        pieces = [-mp.inf, *cuts, mp.inf]
        total = mp.mpf(0)
        for a, b in zip(pieces, pieces[1:]):
            def g(z):
                d = df(z, p)
                return (d * d if square else d) * mp.npdf(z)
            value, err = mp.quad(g, [a, b], error=True)
            if err > mp.mpf('1e-20'):
                raise SystemExit(f'quadrature error {err} on [{a}, {b}]')
            total += value
        return float(total)


# Smooth interior extrema: starting points near f's minimum (f' = 0) and f' maximum (f'' = 0).
EXTREMA = [
    ('gelu', {'approximate': 'none'}, -0.75, 1.4),
    ('gelu', {'approximate': 'tanh'}, -0.75, 1.5),
    ('gelu_sigmoid', {}, -0.75, 1.4),
    ('silu', {}, -1.28, 2.4),
    ('mish', {}, -1.19, 1.5),
]


def extrema(fid, params, f_min_guess, df_max_guess):
    f, df, _ = DEFS[fid]
    with mp.workdps(40):
        p = mp_params(params)
        x_min = mp.findroot(lambda x: df(x, p), mp.mpf(f_min_guess))
        x_peak = mp.findroot(lambda x: mp.diff(lambda t: df(t, p), x), mp.mpf(df_max_guess))
        return {'id': fid, 'params': params, 'argMin': float(x_min), 'min': float(f(x_min, p)),
                'argMaxDerivative': float(x_peak), 'maxDerivative': float(df(x_peak, p))}


def softmax_exact(xs):
    with mp.workdps(CHECK_DPS):
        v = [mp.mpf(x) for x in xs]
        m = max(v)
        total = mp.fsum(mp.exp(x - m) for x in v)
        y = [mp.exp(x - m) / total for x in v]
        return {
            'x': xs,
            'softmax': [float(t) for t in y],
            'softmaxDiagonal': [float(t * (1 - t)) for t in y],
            'logSoftmax': [float(x - m - mp.log(total)) for x in v],
            'logSoftmaxDiagonal': [float(1 - t) for t in y],
        }


VECTORS = [[-3.0, -1.0, 0.0, 1.0, 3.0], [1000.0, 0.0, -1000.0], [0.0], [1e-8, 0.0, -1e-8], [50.0, 50.5, -700.0]]

# erfc itself (from @stdlib), across the break points of its piecewise rational approximations
# (0.84375, 1.25, 1/0.35, 6, 28) and into the range where it underflows.
ERFC_POINTS = sorted({s * m for m in [0.0, 1e-300, 1e-8, 0.1, 0.5, 0.84375, 1.0, 1.25, 2.0, 2.857142857142857,
                                      3.0, 5.0, 6.0, 10.0, 20.0, 26.0, 26.5, 27.0, 27.2] for s in (1.0, -1.0)})


def main():
    cases = []
    for fid, params in CASES:
        f, df, kinks = DEFS[fid]
        with mp.workdps(DPS):
            ks = [float(k) for k in kinks(mp_params(params))]
        points = [{'x': x, 'f': exact(f, x, params, fid), 'df': exact(df, x, params, fid + "'")} for x in grid(ks)]
        cases.append({
            'id': fid,
            'params': params,
            'points': points,
            'meanDerivative': expectation(df, ks, params, square=False),
            'meanSquaredDerivative': expectation(df, ks, params, square=True),
        })
    data = {
        'generator': 'scripts/reference/activations.py',
        'mpmath': mp.__version__,
        'digits': DPS,
        'cases': cases,
        'extrema': [extrema(*e) for e in EXTREMA],
        'vectors': [softmax_exact(v) for v in VECTORS],
        'erfc': [{'x': x, 'value': float(at(CHECK_DPS, lambda t, p: mp.erfc(t), x, {}))} for x in ERFC_POINTS],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + '\n')
    print(f'wrote {OUT} ({len(cases)} cases)')


if __name__ == '__main__':
    main()
