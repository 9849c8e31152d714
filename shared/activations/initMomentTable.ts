// Tensor moments (initMoments.ts) as smooth functions of the pre-activation variance v, tabulated
// on a lattice in log v and interpolated. The mean-field estimate asks for them at hundreds of
// nearby v per stack; the lattice is shared between layers, stacks and calls.
import type { BiasDistribution } from './initSchemes';
import { MOMENT_KEYS, tensorMoments, type ResolvedActivation, type TensorMoments } from './initMoments';

// Lattice step in ln v. Four-point interpolation errs by about (step⁴/24)·|∂⁴ ln E/∂(ln v)⁴|:
// below 1e-6 relative for smooth moments, 1e-5 where a dead zone makes ln E vary like 1/v.
const STEP = 1 / 16;
// Bounded memory for a long-lived language server: the table is cleared when it grows past this.
const MAX_ENTRIES = 200_000;

/** One lattice point: the moments in the order of MOMENT_KEYS, and their logs (NaN where not positive). */
interface Entry { values: Float64Array; logs: Float64Array }

/** Lattice points by chain and bias (a row), then by lattice index. */
const rows = new Map<string, Map<number, Entry>>();
let entries = 0;
// A chain array is built once per activation stage and a bias once per affine stage, and both are
// asked for at every grid point: their keys are kept, and so is the row last asked for.
const chainKeys = new WeakMap<readonly ResolvedActivation[], string>();
const biasKeys = new WeakMap<BiasDistribution, string>();
let last: { chain: readonly ResolvedActivation[]; bias: BiasDistribution; row: Map<number, Entry> } | undefined;

function chainKey(chain: readonly ResolvedActivation[]): string {
  let key = chainKeys.get(chain);
  if (key === undefined) {
    key = chain.map((a) => `${a.def.id}${JSON.stringify(a.params)}`).join('∘');
    chainKeys.set(chain, key);
  }
  return key;
}

function biasKey(bias: BiasDistribution): string {
  let key = biasKeys.get(bias);
  if (key === undefined) {
    key = bias.kind === 'zero' ? '0' : bias.kind === 'uniform' ? `u${bias.bound}` : `n${bias.std}`;
    biasKeys.set(bias, key);
  }
  return key;
}

function rowOf(chain: readonly ResolvedActivation[], bias: BiasDistribution): Map<number, Entry> {
  if (last?.chain === chain && last.bias === bias) return last.row;
  const key = `${chainKey(chain)}|${biasKey(bias)}`;
  let row = rows.get(key);
  if (!row) {
    row = new Map();
    rows.set(key, row);
  }
  last = { chain, bias, row };
  return row;
}

function latticeMoments(chain: readonly ResolvedActivation[], bias: BiasDistribution, row: Map<number, Entry>, j: number): Entry {
  let m = row.get(j);
  if (!m) {
    const moments = tensorMoments(chain, { v: Math.exp(j * STEP), bias });
    const values = Float64Array.from(MOMENT_KEYS, (k) => moments[k]);
    m = { values, logs: values.map((x) => (x > 0 ? Math.log(x) : NaN)) };
    row.set(j, m);
    entries++;
  }
  return m;
}

/** Lagrange interpolation through four equally spaced values at offsets -1, 0, 1, 2, evaluated at t ∈ [0, 1]. */
function cubic(a: number, b: number, c: number, d: number, t: number): number {
  return (
    (-t * (t - 1) * (t - 2) * a) / 6 +
    ((t + 1) * (t - 1) * (t - 2) * b) / 2 -
    ((t + 1) * t * (t - 2) * c) / 2 +
    ((t + 1) * t * (t - 1) * d) / 6
  );
}

/**
 * Moments of chain(z), z = bias + N(0, v), interpolated from the lattice (exact at v = 0).
 * Positive components are interpolated in log, which keeps them positive where they change by
 * orders of magnitude (a dead zone at small v); signed ones (mean, E[s·d·y]) in value.
 */
export function momentsAt(chain: readonly ResolvedActivation[], bias: BiasDistribution, v: number): TensorMoments {
  if (v === 0) return tensorMoments(chain, { v, bias });
  if (entries >= MAX_ENTRIES) {
    rows.clear();
    entries = 0;
    last = undefined;
  }
  const row = rowOf(chain, bias);
  const x = Math.log(v) / STEP;
  const j = Math.floor(x);
  const t = x - j;
  const a = latticeMoments(chain, bias, row, j - 1);
  const b = latticeMoments(chain, bias, row, j);
  const c = latticeMoments(chain, bias, row, j + 1);
  const d = latticeMoments(chain, bias, row, j + 2);
  const at = (k: number): number => {
    const [la, lb, lc, ld] = [a.logs[k], b.logs[k], c.logs[k], d.logs[k]];
    // A NaN log marks a value that is not positive, and makes the sum NaN.
    return Number.isNaN(la + lb + lc + ld) ? cubic(a.values[k], b.values[k], c.values[k], d.values[k], t) : Math.exp(cubic(la, lb, lc, ld, t));
  };
  // In the order of MOMENT_KEYS.
  return { mean: at(0), y2: at(1), y4: at(2), d2: at(3), d2y2: at(4), d2y4: at(5), sdy: at(6), s2d2: at(7), s2: at(8) };
}
