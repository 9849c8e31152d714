// Moments of a tensor at initialisation that the mean-field estimate (meanField.ts) needs: the
// tensor is y = f_k(…f_1(z)) for a pre-activation z = b + ζ (initPreactivation.ts) and zero or
// more element-wise activations. Computed by adaptive Gauss–Legendre over z, split where the
// integrands have kinks, with all components sharing the nodes.
import { preactivationDensity, support, type Preactivation, type PreactivationPoint } from './initPreactivation';
import type { ActivationDef, ParamValues } from './types';

export interface ResolvedActivation {
  def: ActivationDef;
  params: ParamValues;
}

/**
 * Expectations over z of the tensor y, the slope d = f_k'(x) of its last activation at that
 * activation's input x (d = 1, x = z without activations), and the signal s of x: the weighted
 * part ζ when x is the pre-activation itself, x otherwise (see meanField.ts for why).
 */
export interface TensorMoments {
  /** E[y] */
  mean: number;
  /** E[y²] */
  y2: number;
  /** E[y⁴] */
  y4: number;
  /** E[d²] */
  d2: number;
  /** E[d² y²] */
  d2y2: number;
  /** E[d² y⁴] */
  d2y4: number;
  /** E[s d y] */
  sdy: number;
  /** E[s² d²] */
  s2d2: number;
  /** E[s²] */
  s2: number;
}

/** The components of TensorMoments in a fixed order, for tables that store them as arrays. */
export const MOMENT_KEYS = ['mean', 'y2', 'y4', 'd2', 'd2y2', 'd2y4', 'sdy', 's2d2', 's2'] as const;
const COMPONENTS = MOMENT_KEYS.length;

const ORDER = 16;
/** Gauss–Legendre nodes and weights on [-1, 1], by Newton's method on the Legendre recurrence. */
const RULE = (() => {
  const nodes = new Float64Array(ORDER);
  const weights = new Float64Array(ORDER);
  for (let i = 0; i < ORDER; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (ORDER + 0.5));
    let dp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let [p0, p1] = [1, x];
      for (let k = 2; k <= ORDER; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (ORDER * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
})();

// Relative accuracy asked of every component, against the integral of its magnitude.
const TOLERANCE = 1e-11;
// Relative noise of the integrand itself: the uniform-bias density is a difference of normal CDFs
// of arguments that lose up to 3e4·ε near the bias edges (initPreactivation.ts). Differences
// between panel estimates below it are not refinable.
const NOISE = 1e-11;
const MAX_DEPTH = 24;
// Refinement stops after this many panels even where the estimates disagree (an integrand with an
// unlisted jump); the jump's contribution is then resolved to 2^-MAX_DEPTH of the panel.
const MAX_PANELS = 20000;

type NodeFn = (z: number, out: Float64Array) => void;

// Panel sums are plain arrays and tolerances are halved by a factor, not copied: typed-array
// allocations per panel made garbage collection a third of a cold estimate's time.
type Sums = number[];

class Integrator {
  private readonly scratch = new Float64Array(COMPONENTS);
  private panels = 0;
  constructor(private readonly g: NodeFn) {}

  panel(a: number, b: number): Sums {
    this.panels++;
    const sum: Sums = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    for (let i = 0; i < ORDER; i++) {
      this.g(mid + half * RULE.nodes[i], this.scratch);
      const w = RULE.weights[i] * half;
      for (let k = 0; k < COMPONENTS; k++) sum[k] += w * this.scratch[k];
    }
    return sum;
  }

  /** `tol[k] · scale` is the accuracy asked of component k on [a, b]. */
  adaptive(a: number, b: number, whole: Sums, tol: Float64Array, scale: number, depth: number, into: Float64Array): void {
    const m = (a + b) / 2;
    const left = this.panel(a, m);
    const right = this.panel(m, b);
    let converged = depth >= MAX_DEPTH || this.panels >= MAX_PANELS;
    if (!converged) {
      converged = true;
      for (let k = 0; k < COMPONENTS; k++) {
        const both = left[k] + right[k];
        if (!Number.isFinite(both)) throw new RangeError(`moment integrand is not finite on [${a}, ${b}]`);
        const noise = NOISE * (Math.abs(left[k]) + Math.abs(right[k]));
        if (Math.abs(both - whole[k]) > Math.max(tol[k] * scale, noise)) {
          converged = false;
          break;
        }
      }
    }
    if (converged) {
      for (let k = 0; k < COMPONENTS; k++) into[k] += left[k] + right[k];
      return;
    }
    this.adaptive(a, m, left, tol, scale / 2, depth + 1, into);
    this.adaptive(m, b, right, tol, scale / 2, depth + 1, into);
  }
}

function integrate(g: NodeFn, cuts: readonly number[]): Float64Array {
  const integrator = new Integrator(g);
  // One panel per piece to start: the pieces end at every kink and edge, and each panel is checked
  // against its halves. Three per piece cost twice the time (the bulk of a new stack shape's
  // estimate: scripts/measure/coldEstimate.ts) for estimates equal to 1e-7 relative.
  const panels: { a: number; b: number; sum: Sums }[] = [];
  const scale = new Float64Array(COMPONENTS);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const sum = integrator.panel(a, b);
    for (let k = 0; k < COMPONENTS; k++) scale[k] += Math.abs(sum[k]);
    panels.push({ a, b, sum });
  }
  const total = new Float64Array(COMPONENTS);
  const tol = scale.map((s) => (TOLERANCE * s) / panels.length);
  for (const p of panels) integrator.adaptive(p.a, p.b, p.sum, tol, 1, 0, total);
  return total;
}

function toMoments(values: ArrayLike<number>): TensorMoments {
  const out = {} as Record<(typeof MOMENT_KEYS)[number], number>;
  MOMENT_KEYS.forEach((key, k) => (out[key] = values[k]));
  return out;
}

/** Values at one z: y, the slope d of the last activation, and its input x. */
interface ChainPoint { x: number; y: number; d: number }

/** Writes the chain's values at z into `out` (evaluated at every quadrature node: no allocation). */
function evaluateChain(chain: readonly ResolvedActivation[], z: number, out: ChainPoint): void {
  let x = z;
  for (let i = 0; i + 1 < chain.length; i++) x = chain[i].def.f(x, chain[i].params);
  out.x = x;
  if (chain.length === 0) {
    out.y = x;
    out.d = 1;
    return;
  }
  const last = chain[chain.length - 1];
  out.y = last.def.f(x, last.params);
  out.d = last.def.df(x, last.params);
}

/** Moments when z is a constant (no weighted part, no bias): every expectation is a value. */
function pointMoments(chain: readonly ResolvedActivation[]): TensorMoments {
  const at: ChainPoint = { x: 0, y: 0, d: 0 };
  evaluateChain(chain, 0, at);
  const { x, y, d } = at;
  const s = chain.length <= 1 ? 0 : x;
  return toMoments([y, y * y, y ** 4, d * d, d * d * y * y, d * d * y ** 4, s * d * y, s * s * d * d, s * s]);
}

/**
 * Moments of the pre-activation itself, in closed form: z = b + ζ with b and ζ independent and
 * zero-mean, so E[z²] = E[b²] + v, E[z⁴] = E[b⁴] + 6·E[b²]·v + 3v², E[ζ·z] = E[ζ²] = v, slope 1.
 */
function preactivationMoments(pre: Preactivation): TensorMoments {
  const { v, bias } = pre;
  const [b2, b4] = bias.kind === 'zero' ? [0, 0] : bias.kind === 'normal' ? [bias.std ** 2, 3 * bias.std ** 4] : [bias.bound ** 2 / 3, bias.bound ** 4 / 5];
  const y2 = b2 + v;
  const y4 = b4 + 6 * b2 * v + 3 * v * v;
  return { mean: 0, y2, y4, d2: 1, d2y2: y2, d2y4: y4, sdy: v, s2d2: v, s2: v };
}

/**
 * Moments of y = chain(z), z = b + ζ, ζ ~ N(0, v) (the chain may be empty: y = z).
 * @throws RangeError when an integrand is not finite (an activation overflowing in the tails).
 */
export function tensorMoments(chain: readonly ResolvedActivation[], pre: Preactivation): TensorMoments {
  if (pre.v === 0 && pre.bias.kind === 'zero') return pointMoments(chain);
  if (chain.length === 0) return preactivationMoments(pre);
  const signalIsZeta = chain.length <= 1;
  const density = preactivationDensity(pre);
  const at: PreactivationPoint = { density: 0, zeta: 0, zeta2: 0 };
  const point: ChainPoint = { x: 0, y: 0, d: 0 };
  const g: NodeFn = (z, out) => {
    density(z, at);
    evaluateChain(chain, z, point);
    const { x, y, d } = point;
    const p = at.density;
    const y2 = y * y;
    const d2 = d * d;
    const s = signalIsZeta ? at.zeta : x;
    const s2 = signalIsZeta ? at.zeta2 : x * x;
    out[0] = p * y;
    out[1] = p * y2;
    out[2] = p * y2 * y2;
    out[3] = p * d2;
    out[4] = p * d2 * y2;
    out[5] = p * d2 * y2 * y2;
    out[6] = p * s * d * y;
    out[7] = p * s2 * d2;
    out[8] = p * s2;
  };
  const { lo, hi, edges } = support(pre);
  const kinks = chain.length ? chain[0].def.kinks(chain[0].params) : [];
  const cuts = [...new Set([lo, hi, 0, ...edges, ...kinks].filter((c) => c >= lo && c <= hi))].sort((a, b) => a - b);
  return toMoments(integrate(g, cuts));
}
