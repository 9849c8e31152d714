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

/** Lattice values in the order of MOMENT_KEYS, by chain, bias and lattice index. */
const table = new Map<string, Float64Array>();
// A chain array is built once per activation stage and asked for at every grid point: its key is kept.
const chainKeys = new WeakMap<readonly ResolvedActivation[], string>();

function chainKey(chain: readonly ResolvedActivation[]): string {
  let key = chainKeys.get(chain);
  if (key === undefined) {
    key = chain.map((a) => `${a.def.id}${JSON.stringify(a.params)}`).join('∘');
    chainKeys.set(chain, key);
  }
  return key;
}

function biasKey(bias: BiasDistribution): string {
  return bias.kind === 'zero' ? '0' : bias.kind === 'uniform' ? `u${bias.bound}` : `n${bias.std}`;
}

function latticeMoments(chain: readonly ResolvedActivation[], bias: BiasDistribution, prefix: string, j: number): Float64Array {
  const key = `${prefix}|${j}`;
  let m = table.get(key);
  if (!m) {
    if (table.size >= MAX_ENTRIES) table.clear();
    const moments = tensorMoments(chain, { v: Math.exp(j * STEP), bias });
    m = Float64Array.from(MOMENT_KEYS, (k) => moments[k]);
    table.set(key, m);
  }
  return m;
}

/** Lagrange interpolation through four equally spaced values at offsets -1, 0, 1, 2, evaluated at t ∈ [0, 1]. */
function cubic(y: readonly number[], t: number): number {
  const [a, b, c, d] = y;
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
  const prefix = `${chainKey(chain)}|${biasKey(bias)}`;
  const x = Math.log(v) / STEP;
  const j = Math.floor(x);
  const t = x - j;
  const [a, b, c, d] = [latticeMoments(chain, bias, prefix, j - 1), latticeMoments(chain, bias, prefix, j), latticeMoments(chain, bias, prefix, j + 1), latticeMoments(chain, bias, prefix, j + 2)];
  const out = {} as Record<keyof TensorMoments, number>;
  for (let k = 0; k < MOMENT_KEYS.length; k++) {
    const ys = [a[k], b[k], c[k], d[k]];
    out[MOMENT_KEYS[k]] = ys[0] > 0 && ys[1] > 0 && ys[2] > 0 && ys[3] > 0 ? Math.exp(cubic([Math.log(ys[0]), Math.log(ys[1]), Math.log(ys[2]), Math.log(ys[3])], t)) : cubic(ys, t);
  }
  return out;
}
