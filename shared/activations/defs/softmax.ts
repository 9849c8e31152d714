// Vector-valued activations. A softmax output depends on every logit, so there is no scalar f(x):
// `f`/`df` throw and callers use `vector` (whole-vector values and the Jacobian's diagonal).
import { saturate } from '../special';
import type { ActivationDef } from '../types';

/** e^{x_i − max x}, their sum, and for each i the sum of the others (no 1 − y_i cancellation). */
function shiftedExps(xs: readonly number[]): { exps: number[]; total: number; others: number[]; max: number } {
  if (xs.length === 0) throw new RangeError('softmax needs at least one logit');
  const max = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - max));
  // Prefix and suffix sums give Σ_{j≠i} e_j without subtracting from the total.
  const prefix = [0];
  for (const e of exps) prefix.push(prefix[prefix.length - 1] + e);
  const others = new Array<number>(exps.length);
  let suffix = 0;
  for (let i = exps.length - 1; i >= 0; i--) {
    others[i] = prefix[i] + suffix;
    suffix += exps[i];
  }
  return { exps, total: prefix[exps.length], others, max };
}

function scalarUndefined(id: string): never {
  throw new RangeError(`${id} is vector-valued: use its 'vector' form on a whole logit vector`);
}

export const SOFTMAX: readonly ActivationDef[] = [
  {
    id: 'softmax',
    title: 'Softmax',
    formula: 'exp(x_i) / sum_j exp(x_j)',
    params: [],
    f: () => scalarUndefined('softmax'),
    df: () => scalarUndefined('softmax'),
    kinks: () => [],
    cost: 'transcendental',
    notes: 'Vector-valued: y_i depends on every logit. As a function of its own logit it is a shifted sigmoid.',
    vector: {
      f: (xs) => {
        const { exps, total } = shiftedExps(xs);
        return exps.map((e) => e / total);
      },
      // ∂y_i/∂x_i = y_i(1 − y_i) = e_i·Σ_{j≠i} e_j / (Σ e)².
      jacobianDiagonal: (xs) => {
        const { exps, total, others } = shiftedExps(xs);
        return exps.map((e, i) => (e / total) * (others[i] / total));
      },
      sliceOf: 'sigmoid',
    },
  },
  {
    id: 'log_softmax',
    title: 'LogSoftmax',
    formula: 'x_i - log(sum_j exp(x_j))',
    params: [],
    f: () => scalarUndefined('log_softmax'),
    df: () => scalarUndefined('log_softmax'),
    kinks: () => [],
    cost: 'transcendental',
    notes: 'Vector-valued: y_i depends on every logit. As a function of its own logit it is a shifted logsigmoid.',
    vector: {
      f: (xs) => {
        const { total, max } = shiftedExps(xs);
        const logTotal = Math.log(total);
        // x_i − max overflows to −∞ only when the true value is below −MAX_VALUE.
        return xs.map((x) => saturate(x - max - logTotal));
      },
      // ∂y_i/∂x_i = 1 − softmax_i = Σ_{j≠i} e_j / Σ e.
      jacobianDiagonal: (xs) => {
        const { total, others } = shiftedExps(xs);
        return others.map((o) => o / total);
      },
      sliceOf: 'logsigmoid',
    },
  },
];
