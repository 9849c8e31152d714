// Piecewise-linear rectifiers. Conventions at the kink follow PyTorch's backward kernels
// (checked with torch 1.13 autograd in float64, see scripts/reference/pytorch_kinks.py).
import { num } from '../paramValue';
import { saturate } from '../special';
import type { ActivationDef, ParamValues } from '../types';

/** Negative-side slope of a leaky rectifier: f = x for x > 0, slope·x otherwise; f'(0) = slope. */
function leaky(slope: (p: ParamValues) => number): Pick<ActivationDef, 'f' | 'df' | 'kinks' | 'cost'> {
  return {
    f: (x, p) => (x > 0 ? x : saturate(slope(p) * x)),
    df: (x, p) => (x > 0 ? 1 : slope(p)),
    kinks: () => [0],
    cost: 'piecewise-linear',
  };
}

export const RECTIFIERS: readonly ActivationDef[] = [
  {
    id: 'relu',
    title: 'ReLU',
    formula: 'max(0, x)',
    params: [],
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
    kinks: () => [0],
    cost: 'piecewise-linear',
    notes: "PyTorch takes relu'(0) = 0.",
  },
  {
    id: 'relu6',
    title: 'ReLU6',
    formula: 'min(max(0, x), 6)',
    params: [],
    f: (x) => (x <= 0 ? 0 : x >= 6 ? 6 : x),
    df: (x) => (x <= 0 || x >= 6 ? 0 : 1),
    kinks: () => [0, 6],
    cost: 'piecewise-linear',
    notes: "PyTorch computes relu6 as hardtanh(x, 0, 6): f' = 0 at both x = 0 and x = 6.",
  },
  {
    id: 'leaky_relu',
    title: 'LeakyReLU',
    formula: 'x if x > 0 else negative_slope * x',
    params: [{ name: 'negative_slope', default: 0.01, doc: 'slope for x <= 0' }],
    ...leaky((p) => num(p, 'negative_slope')),
    notes: "f'(0) = negative_slope (PyTorch's backward uses x > 0 for the unit slope).",
  },
  {
    id: 'prelu',
    title: 'PReLU',
    formula: 'x if x > 0 else weight * x',
    params: [{ name: 'weight', default: 0.25, doc: 'learned slope for x <= 0 (nn.PReLU init=0.25)' }],
    ...leaky((p) => num(p, 'weight')),
    notes: "The slope is learned; figures use its initial value. f'(0) = weight.",
  },
  {
    id: 'rrelu',
    title: 'RReLU',
    formula: 'x if x > 0 else a * x, a ~ U(lower, upper) in training, (lower + upper) / 2 in eval',
    params: [
      { name: 'lower', default: 1 / 8, doc: 'lower bound of the random slope' },
      { name: 'upper', default: 1 / 3, doc: 'upper bound of the random slope' },
    ],
    ...leaky((p) => (num(p, 'lower') + num(p, 'upper')) / 2),
    checkParams: (p) => (num(p, 'lower') > num(p, 'upper') ? 'lower must not exceed upper' : undefined),
    notes: 'Evaluated in eval mode: the slope is the mean (lower + upper) / 2; training draws it at random.',
  },
  {
    id: 'threshold',
    title: 'Threshold',
    formula: 'x if x > threshold else value',
    params: [
      { name: 'threshold', default: 0, doc: 'inputs at or below it are replaced (PyTorch requires it; 0 here)' },
      { name: 'value', default: 0, doc: 'replacement value (PyTorch requires it; 0 here)' },
    ],
    f: (x, p) => (x > num(p, 'threshold') ? x : num(p, 'value')),
    df: (x, p) => (x > num(p, 'threshold') ? 1 : 0),
    kinks: (p) => [num(p, 'threshold')],
    cost: 'piecewise-linear',
    notes: 'PyTorch has no defaults for threshold and value; with 0 and 0 it equals relu. At x = threshold f = value.',
  },
  {
    id: 'identity',
    title: 'Identity',
    formula: 'x',
    params: [],
    f: (x) => x,
    df: () => 1,
    kinks: () => [],
    cost: 'piecewise-linear',
  },
];
