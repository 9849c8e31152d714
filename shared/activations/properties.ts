// Properties derived from f and f' numerically, never typed in per activation:
// - range: inf/sup over a grid on [-15, 15] (plus the kinks) refined at the zeros of f', against the
//   limits f(±1e300). A bound equal to a limit counts as attained only where f' is exactly 0 there
//   (a plateau, relu's 0) — an asymptote (sigmoid's 1) has f' ≠ 0 at every finite point of the grid.
//   A value met only at a kink's neighbouring double is a one-sided limit, not attained.
//   Validated for parameters within ±1e6 (registry.ts enforces it); an extreme scale such as celu
//   alpha = 1e-6 flattens f to its limit inside the grid and would report that limit as attained.
// - monotonic / smooth: sign changes of f between grid points, and f, f' jumps at the kinks, both
//   ignoring relative changes below 1e-8 (PyTorch's softplus switch-over jump is 1e-10 relative).
// - saturating: f'(±1e300) = 0. sup|f'|: grid maxima refined by golden-section search.
// - E[f'(z)], E[f'(z)²]: adaptive Gauss–Legendre split at the kinks (quadrature.ts).
import { nextDown, nextUp } from './float';
import { spellings } from './frameworks';
import { normalExpectation } from './quadrature';
import { getActivation, resolveParams } from './registry';
import type { ActivationDef, ActivationProperties, ParamValues, Saturation, ValueRange } from './types';

const GRID_HALF_WIDTH = 15;
const GRID_STEP = 1 / 64;
const FAR = 1e300;
// Beyond |x| = 1e290 an unbounded f is still growing by the factor 1e10 to FAR; a bounded one is not.
const NEAR_FAR = 1e290;
const NUMERICAL_JUMP = 1e-8;
const SATURATED = 1e-100;
const SAME_MAX = 1e-12;

interface Sample {
  x: number;
  f: number;
  df: number;
  /** Inside the moderate window, where a limit is distinguishable from an attained value. */
  moderate: boolean;
  /** A neighbouring double of a kink: stands for a one-sided limit there, not a point of its own. */
  oneSided?: boolean;
}

function uniqueSorted(xs: number[]): number[] {
  return [...new Set(xs.filter(Number.isFinite))].sort((a, b) => a - b);
}

function samplePoints(kinks: readonly number[]): { moderate: number[]; oneSided: Set<number>; far: number[] } {
  const reach = Math.max(GRID_HALF_WIDTH, ...kinks.map((k) => Math.abs(k) + 1));
  const moderate: number[] = [];
  for (let i = -GRID_HALF_WIDTH / GRID_STEP; i <= GRID_HALF_WIDTH / GRID_STEP; i++) moderate.push(i * GRID_STEP);
  const oneSided = new Set(kinks.flatMap((k) => [nextUp(k), nextDown(k)]).filter((x) => !kinks.includes(x)));
  for (const k of kinks) moderate.push(k, k - 1, k + 1);
  moderate.push(...oneSided);
  const far: number[] = [];
  for (let i = -48; i <= 48; i++) {
    const x = 10 ** (i / 8);
    if (x > reach) far.push(x, -x);
  }
  return { moderate: uniqueSorted(moderate), oneSided, far };
}

/** Bisection for a sign change of f' in (a, b); f' is continuous there (no kink between grid neighbours). */
function zeroOfSlope(def: ActivationDef, p: ParamValues, a: number, b: number): number {
  let [lo, hi] = [a, b];
  const loSign = Math.sign(def.df(lo, p));
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(def.df(mid, p)) === loSign) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Golden-section maximum of |f'| on [a, b], where |f'| is unimodal. */
function peakOfSlope(def: ActivationDef, p: ParamValues, a: number, b: number): number {
  const g = (x: number) => Math.abs(def.df(x, p));
  const r = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = [a, b];
  let c = hi - r * (hi - lo);
  let d = lo + r * (hi - lo);
  let [gc, gd] = [g(c), g(d)];
  for (let i = 0; i < 120 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    if (gc >= gd) {
      [hi, d, gd] = [d, c, gc];
      c = hi - r * (hi - lo);
      gc = g(c);
    } else {
      [lo, c, gc] = [c, d, gd];
      d = lo + r * (hi - lo);
      gd = g(d);
    }
  }
  return (lo + hi) / 2;
}

function collectSamples(def: ActivationDef, p: ParamValues, kinks: readonly number[]): Sample[] {
  const { moderate, oneSided, far } = samplePoints(kinks);
  const kinkSet = new Set(kinks);
  const at = (x: number, isModerate: boolean): Sample => ({
    x, f: def.f(x, p), df: def.df(x, p), moderate: isModerate, oneSided: oneSided.has(x),
  });
  const samples = moderate.map((x) => at(x, true));
  const refined: Sample[] = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const [s, t] = [samples[i], samples[i + 1]];
    if (kinkSet.has(s.x) || kinkSet.has(t.x)) continue;
    if (s.df * t.df < 0) refined.push(at(zeroOfSlope(def, p, s.x, t.x), true));
    const u = samples[i + 2];
    if (u && !kinkSet.has(u.x) && Math.abs(t.df) > Math.abs(s.df) && Math.abs(t.df) > Math.abs(u.df)) {
      // Kept only if it beats the grid point (a peak exactly on the grid must stay unique).
      const peak = at(peakOfSlope(def, p, s.x, u.x), true);
      if (Math.abs(peak.df) > Math.abs(t.df)) refined.push(peak);
    }
  }
  return [...samples, ...refined, ...far.map((x) => at(x, false))].sort((a, b) => a.x - b.x);
}

/** Value f approaches as x → sign·∞: a number, or ±Infinity when f grows without bound. */
function limitAt(def: ActivationDef, p: ParamValues, sign: 1 | -1): number {
  const far = def.f(sign * FAR, p);
  const nearFar = def.f(sign * NEAR_FAR, p);
  return Math.abs(far) >= 1e9 * Math.max(1, Math.abs(nearFar)) ? Math.sign(far) * Infinity : far;
}

function valueRange(samples: readonly Sample[], limits: readonly number[]): ValueRange {
  const moderate = samples.filter((s) => s.moderate);
  const bound = (pick: (a: number, b: number) => number, better: (a: number, b: number) => boolean) => {
    const extreme = moderate.reduce((m, s) => pick(m, s.f), moderate[0].f);
    const limit = limits.reduce((m, l) => pick(m, l));
    if (!Number.isFinite(limit) && better(limit, extreme)) return { value: null, inclusive: false };
    if (better(limit, extreme)) return { value: limit, inclusive: false };
    // Reached only next to a kink: a one-sided limit there (threshold's x → threshold⁺), not attained.
    const attained = moderate.filter((s) => s.f === extreme && !s.oneSided);
    if (better(extreme, limit)) return { value: extreme, inclusive: attained.length > 0 };
    // Equal to a limit: attained only on a plateau (f' exactly 0 where f takes that value).
    return { value: extreme, inclusive: attained.some((s) => s.df === 0) };
  };
  const lo = bound(Math.min, (a, b) => a < b);
  const hi = bound(Math.max, (a, b) => a > b);
  // -0 (logsigmoid's limit) prints as 0 in JSON but not in every display: normalise it.
  const unsigned = (v: number | null) => (v === 0 ? 0 : v);
  return { min: unsigned(lo.value), max: unsigned(hi.value), minInclusive: lo.inclusive, maxInclusive: hi.inclusive };
}

function significant(a: number, b: number): boolean {
  return Math.abs(a - b) > NUMERICAL_JUMP * Math.max(Math.abs(a), Math.abs(b));
}

function isMonotonic(samples: readonly Sample[]): boolean {
  let up = false;
  let down = false;
  for (let i = 0; i + 1 < samples.length; i++) {
    const [a, b] = [samples[i].f, samples[i + 1].f];
    if (!significant(a, b)) continue;
    if (b > a) up = true;
    else down = true;
  }
  return !(up && down);
}

function isSmooth(def: ActivationDef, p: ParamValues, kinks: readonly number[]): boolean {
  return kinks.every((k) => {
    const [l, r] = [nextDown(k), nextUp(k)];
    const scale = (a: number, b: number) => Math.abs(a - b) <= NUMERICAL_JUMP * Math.max(1, Math.abs(a), Math.abs(b));
    const fk = def.f(k, p);
    return scale(def.f(l, p), fk) && scale(fk, def.f(r, p)) && scale(def.df(l, p), def.df(r, p));
  });
}

function saturation(def: ActivationDef, p: ParamValues): Saturation {
  const neg = Math.abs(def.df(-FAR, p)) < SATURATED;
  const pos = Math.abs(def.df(FAR, p)) < SATURATED;
  return neg && pos ? 'both' : neg ? 'negative' : pos ? 'positive' : 'none';
}

function derivativePeak(def: ActivationDef, p: ParamValues, samples: readonly Sample[]): { max: number; at: number | null } {
  const tails = [Math.abs(def.df(-FAR, p)), Math.abs(def.df(FAR, p))];
  const max = Math.max(...tails, ...samples.map((s) => Math.abs(s.df)));
  const near = (v: number) => v >= max * (1 - SAME_MAX);
  const hits = samples.filter((s) => !s.oneSided && near(Math.abs(s.df)));
  // A unique maximiser; none when the sup holds on an interval or is only approached at ±∞.
  return { max, at: hits.length === 1 && !tails.some(near) ? hits[0].x : null };
}

function scalarProperties(def: ActivationDef, p: ParamValues): Omit<ActivationProperties, 'frameworks'> {
  const kinks = uniqueSorted(def.kinks(p));
  const samples = collectSamples(def, p, kinks);
  const range = valueRange(samples, [limitAt(def, p, -1), limitAt(def, p, 1)]);
  const takesBothSigns = (range.min === null || range.min < 0) && (range.max === null || range.max > 0);
  const peak = derivativePeak(def, p, samples);
  return {
    id: def.id,
    range,
    zeroCentered: def.f(0, p) === 0 && takesBothSigns,
    monotonic: isMonotonic(samples),
    smooth: isSmooth(def, p, kinks),
    saturating: saturation(def, p),
    maxDerivative: peak.max,
    argMaxDerivative: peak.at,
    meanDerivative: normalExpectation((z) => def.df(z, p), kinks),
    meanSquaredDerivative: normalExpectation((z) => def.df(z, p) ** 2, kinks),
    cost: def.cost,
  };
}

const cache = new Map<string, ActivationProperties>();

/** Properties of activation `id` with `params` overriding its defaults; cached per (id, params). */
export function properties(id: string, params?: Record<string, number | string>): ActivationProperties {
  const def = getActivation(id);
  if (!def) throw new RangeError(`unknown activation '${id}'`);
  const p = resolveParams(def, params);
  const key = `${id} ${JSON.stringify(p)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let result: ActivationProperties;
  if (def.vector) {
    // Shape of y_i against its own logit (a shifted sigmoid/logsigmoid); nothing that depends on the shift.
    const slice = properties(def.vector.sliceOf);
    result = {
      ...slice,
      id,
      zeroCentered: false,
      argMaxDerivative: null,
      meanDerivative: null,
      meanSquaredDerivative: null,
      cost: def.cost,
      frameworks: spellings(id),
    };
  } else {
    result = { ...scalarProperties(def, p), frameworks: spellings(id) };
  }
  cache.set(key, result);
  return result;
}
