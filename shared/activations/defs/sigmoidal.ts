// Smooth squashing functions and their log/softplus relatives. Derivatives use e^{-|x|} forms:
// autograd's σ(1−σ) and 1−tanh² round to 0 long before the true value underflows.
import { num } from '../paramValue';
import { log1pExp, sech2, sigmoid, sigmoidSlope } from '../special';
import type { ActivationDef } from '../types';

export const SIGMOIDAL: readonly ActivationDef[] = [
  {
    id: 'sigmoid',
    title: 'Sigmoid',
    formula: '1 / (1 + exp(-x))',
    params: [],
    f: sigmoid,
    df: sigmoidSlope,
    kinks: () => [],
    cost: 'transcendental',
    notes: "PyTorch's autograd gives sigmoid'(x) = 0 for x > 37; the true value is e^-x.",
  },
  {
    id: 'tanh',
    title: 'Tanh',
    formula: '(exp(x) - exp(-x)) / (exp(x) + exp(-x))',
    params: [],
    f: Math.tanh,
    df: sech2,
    kinks: () => [],
    cost: 'transcendental',
  },
  {
    id: 'softsign',
    title: 'Softsign',
    formula: 'x / (1 + |x|)',
    params: [],
    f: (x) => x / (1 + Math.abs(x)),
    df: (x) => {
      const d = 1 + Math.abs(x);
      return 1 / (d * d);
    },
    // |x| switches branch at 0: f' is continuous there, f'' jumps from 2 to −2.
    kinks: () => [0],
    cost: 'algebraic',
  },
  {
    id: 'logsigmoid',
    title: 'LogSigmoid',
    formula: 'log(1 / (1 + exp(-x)))',
    params: [],
    f: (x) => -log1pExp(-x),
    df: (x) => sigmoid(-x),
    kinks: () => [],
    cost: 'transcendental',
  },
  {
    id: 'softplus',
    title: 'Softplus',
    formula: 'x if beta * x > threshold else log(1 + exp(beta * x)) / beta',
    params: [
      { name: 'beta', default: 1, min: 0, exclusiveMin: true, doc: 'sharpness' },
      { name: 'threshold', default: 20, doc: 'above beta * x > threshold the result is x itself' },
    ],
    f: (x, p) => {
      const z = num(p, 'beta') * x;
      return z > num(p, 'threshold') ? x : log1pExp(z) / num(p, 'beta');
    },
    df: (x, p) => {
      const z = num(p, 'beta') * x;
      return z > num(p, 'threshold') ? 1 : sigmoid(z);
    },
    // PyTorch switches to x when beta·x > threshold: a jump of log1p(e^{-threshold})/beta (2.1e-9 by default).
    kinks: (p) => [num(p, 'threshold') / num(p, 'beta')],
    cost: 'transcendental',
    notes: 'PyTorch returns x itself once beta*x > threshold, a jump of log1p(exp(-threshold))/beta (2.1e-9 by default).',
  },
];
