// Exponential linear units. PyTorch evaluates the negative branch as exp(x) − 1, which loses all
// digits near 0; expm1 keeps them. At x = 0 PyTorch's backward takes the negative branch.
import { num } from '../paramValue';
import { saturate } from '../special';
import type { ActivationDef } from '../types';

// PyTorch's SELU constants (aten/src/ATen/native/Activation.cpp), from Klambauer et al. 2017.
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

export const EXPONENTIAL_UNITS: readonly ActivationDef[] = [
  {
    id: 'elu',
    title: 'ELU',
    formula: 'x if x > 0 else alpha * (exp(x) - 1)',
    params: [{ name: 'alpha', default: 1, doc: 'negative saturation value is -alpha' }],
    f: (x, p) => (x > 0 ? x : num(p, 'alpha') * Math.expm1(x)),
    df: (x, p) => (x > 0 ? 1 : num(p, 'alpha') * Math.exp(x)),
    kinks: () => [0],
    cost: 'transcendental',
    notes: "f'(0) = alpha (PyTorch's backward uses the x <= 0 branch); C¹ only when alpha = 1.",
  },
  {
    id: 'selu',
    title: 'SELU',
    formula: 'scale * (x if x > 0 else alpha * (exp(x) - 1)), alpha ≈ 1.6733, scale ≈ 1.0507',
    params: [],
    f: (x) => saturate(SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
    df: (x) => (x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x)),
    kinks: () => [0],
    cost: 'transcendental',
    notes: "f'(0) = scale·alpha ≈ 1.7581 (negative branch), f' = scale ≈ 1.0507 for x > 0.",
  },
  {
    id: 'celu',
    title: 'CELU',
    formula: 'max(0, x) + min(0, alpha * (exp(x / alpha) - 1))',
    params: [{ name: 'alpha', default: 1, min: 0, exclusiveMin: true, doc: 'negative saturation value is -alpha' }],
    f: (x, p) => {
      const a = num(p, 'alpha');
      return x > 0 ? x : a * Math.expm1(x / a);
    },
    df: (x, p) => (x > 0 ? 1 : Math.exp(x / num(p, 'alpha'))),
    kinks: () => [0],
    cost: 'transcendental',
    notes: "C¹ for every alpha: f'(0) = 1 from both sides.",
  },
];
