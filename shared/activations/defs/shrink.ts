// Shrinkage functions. PyTorch zeroes the gradient on the closed interval [-lambd, lambd].
import { num } from '../paramValue';
import { tanhShrink } from '../special';
import type { ActivationDef } from '../types';

const LAMBD = { name: 'lambd', default: 0.5, min: 0, doc: 'half-width of the zeroed interval' } as const;

function shrinkKinks(lambd: number): number[] {
  return lambd === 0 ? [0] : [-lambd, lambd];
}

export const SHRINK: readonly ActivationDef[] = [
  {
    id: 'tanhshrink',
    title: 'Tanhshrink',
    formula: 'x - tanh(x)',
    params: [],
    f: tanhShrink,
    df: (x) => Math.tanh(x) ** 2,
    kinks: () => [],
    cost: 'transcendental',
    notes: "PyTorch's x - tanh(x) loses digits as x → 0 and is 0 below |x| ≈ 2e-8; the value here uses the series x^3/3 - 2x^5/15 + ...",
  },
  {
    id: 'softshrink',
    title: 'Softshrink',
    formula: 'x - lambd if x > lambd, x + lambd if x < -lambd, else 0',
    params: [LAMBD],
    f: (x, p) => {
      const l = num(p, 'lambd');
      return x > l ? x - l : x < -l ? x + l : 0;
    },
    df: (x, p) => (Math.abs(x) <= num(p, 'lambd') ? 0 : 1),
    kinks: (p) => shrinkKinks(num(p, 'lambd')),
    cost: 'piecewise-linear',
    notes: "f' = 0 at x = ±lambd.",
  },
  {
    id: 'hardshrink',
    title: 'Hardshrink',
    formula: 'x if |x| > lambd else 0',
    params: [LAMBD],
    f: (x, p) => (Math.abs(x) <= num(p, 'lambd') ? 0 : x),
    df: (x, p) => (Math.abs(x) <= num(p, 'lambd') ? 0 : 1),
    kinks: (p) => shrinkKinks(num(p, 'lambd')),
    cost: 'piecewise-linear',
    notes: 'f jumps from 0 to ±lambd at x = ±lambd; there f = 0 and f\' = 0.',
  },
];
