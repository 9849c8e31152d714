// Piecewise "hard" approximations. Offsets are added before scaling ((x + 3)/6, not x/6 + 0.5): x + 3 is
// exact near x = −3 (Sterbenz), so the result keeps full relative accuracy where it approaches 0.
import { num } from '../paramValue';
import type { ActivationDef } from '../types';

export const HARD: readonly ActivationDef[] = [
  {
    id: 'hardsigmoid',
    title: 'Hardsigmoid',
    formula: 'relu6(x + 3) / 6 = 0 if x <= -3, 1 if x >= 3, else x / 6 + 1/2',
    params: [],
    f: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6),
    df: (x) => (x > -3 && x < 3 ? 1 / 6 : 0),
    kinks: () => [-3, 3],
    cost: 'piecewise-linear',
    notes: "PyTorch's f' is 0 at x = ±3 (open interval); its float64 backward uses the float32 constant 1/6 (0.16666667). Keras 3 hard_sigmoid is this function.",
  },
  {
    id: 'keras2.hard_sigmoid',
    title: 'HardSigmoid (tf.keras 2 / TF.js)',
    formula: 'clip(0.2 * x + 0.5, 0, 1)',
    params: [],
    f: (x) => (x <= -2.5 ? 0 : x >= 2.5 ? 1 : (x + 2.5) / 5),
    // tf.clip_by_value and tfjs clipByValue pass the gradient on the closed interval.
    df: (x) => (x >= -2.5 && x <= 2.5 ? 0.2 : 0),
    kinks: () => [-2.5, 2.5],
    cost: 'piecewise-linear',
    notes: "tf.keras 2 and TF.js hardSigmoid; slope 0.2 on [-2.5, 2.5] versus PyTorch's 1/6 on (-3, 3). f' = 0.2 at ±2.5 (TensorFlow's clip gradient).",
  },
  {
    id: 'hardtanh',
    title: 'Hardtanh',
    formula: 'min(max(x, min_val), max_val)',
    params: [
      { name: 'min_val', default: -1, doc: 'lower clip value' },
      { name: 'max_val', default: 1, doc: 'upper clip value' },
    ],
    f: (x, p) => {
      const lo = num(p, 'min_val');
      const hi = num(p, 'max_val');
      return x <= lo ? lo : x >= hi ? hi : x;
    },
    df: (x, p) => (x <= num(p, 'min_val') || x >= num(p, 'max_val') ? 0 : 1),
    kinks: (p) => [num(p, 'min_val'), num(p, 'max_val')],
    cost: 'piecewise-linear',
    checkParams: (p) => (num(p, 'min_val') < num(p, 'max_val') ? undefined : 'min_val must be less than max_val'),
    notes: "PyTorch's f' is 0 at both clip values.",
  },
  {
    id: 'hardswish',
    title: 'Hardswish',
    formula: 'x * relu6(x + 3) / 6 = 0 if x <= -3, x if x >= 3, else x * (x + 3) / 6',
    params: [],
    f: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6),
    // (2x + 3)/6 rather than x/3 + 1/2: exact where f' crosses 0 at x = −1.5.
    df: (x) => (x < -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : 1),
    kinks: () => [-3, 3],
    cost: 'algebraic',
    notes: "PyTorch's backward uses the middle branch at both ends: f'(-3) = -0.5, f'(3) = 1.5.",
  },
];
