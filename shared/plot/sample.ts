// Adaptive sampling of a function and its derivative for plotting. A uniform grid either wastes
// points on straight tails or rounds off kinks and steep transitions; this sampler starts coarse,
// puts points on both sides of every kink, and bisects wherever a chord misses the curve.

export interface CurveSamples {
  xs: number[];
  /** f and f' at xs; null where the value is not finite (drawn as a gap). */
  f: (number | null)[];
  df: (number | null)[];
}

export interface SampleOptions {
  lo: number;
  hi: number;
  /** Points where f' jumps: sampled exactly and on both sides (see `kinkOffset`). */
  kinks?: readonly number[];
  /** Intervals of the starting grid. */
  initial?: number;
  /** Largest tolerated chord error, as a fraction of the curve's vertical extent. */
  tolerance?: number;
  /** Bisection depth below the starting grid. */
  maxDepth?: number;
}

/** Distance from a kink to the samples that straddle it: a few ulps above float noise at |x|. */
function kinkOffset(x: number): number {
  return 1e-7 * Math.max(1, Math.abs(x));
}

/** A coarse start (straight parts need few points) refined to 2e-4 of the height: sub-pixel. */
export const SAMPLING_DEFAULTS = { initial: 64, tolerance: 2e-4, maxDepth: 10 } as const;

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Vertical extent of the finite values, never zero, so constant curves do not divide by zero. */
function extent(values: readonly (number | null)[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? hi - lo : 1;
}

/** Sorted, in-range kinks and their straddling points: fixed breakpoints of the sampling. */
function breakpoints(lo: number, hi: number, kinks: readonly number[]): number[] {
  const points = [lo, hi];
  for (const k of kinks) {
    if (!Number.isFinite(k)) continue;
    const d = kinkOffset(k);
    for (const x of [k - d, k, k + d]) if (x > lo && x < hi) points.push(x);
  }
  points.sort((a, b) => a - b);
  return points.filter((x, i) => i === 0 || x > points[i - 1]);
}

export function sampleCurve(
  f: (x: number) => number,
  df: (x: number) => number,
  options: SampleOptions,
): CurveSamples {
  const { lo, hi } = options;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`invalid sampling range [${lo}, ${hi}]`);
  }
  const initial = options.initial ?? SAMPLING_DEFAULTS.initial;
  const tolerance = options.tolerance ?? SAMPLING_DEFAULTS.tolerance;
  const maxDepth = options.maxDepth ?? SAMPLING_DEFAULTS.maxDepth;
  const fixed = breakpoints(lo, hi, options.kinks ?? []);
  const isKinkGap = (a: number, b: number) => b - a <= 2 * kinkOffset(a) + Number.EPSILON;

  // Starting grid: uniform, plus the fixed breakpoints.
  const grid = new Set<number>(fixed);
  for (let i = 1; i < initial; i++) grid.add(lo + ((hi - lo) * i) / initial);
  const xs0 = [...grid].sort((a, b) => a - b);
  const scaleF = extent(xs0.map((x) => finite(f(x))));
  const scaleDf = extent(xs0.map((x) => finite(df(x))));
  const minWidth = (hi - lo) * 1e-9;

  const xs: number[] = [];
  const fv: (number | null)[] = [];
  const dfv: (number | null)[] = [];
  const push = (x: number, y: number | null, dy: number | null) => { xs.push(x); fv.push(y); dfv.push(dy); };

  // A chord is good when its midpoint is within tolerance for both f and f'. Gaps (non-finite
  // values) and the sub-interval straddling a kink are never refined: the jump is the point.
  const refine = (a: number, fa: number | null, da: number | null,
    b: number, fb: number | null, db: number | null, depth: number) => {
    const m = (a + b) / 2;
    const fm = finite(f(m));
    const dm = finite(df(m));
    const bad = (lhs: number | null, mid: number | null, rhs: number | null, scale: number) =>
      lhs !== null && mid !== null && rhs !== null && Math.abs(mid - (lhs + rhs) / 2) > tolerance * scale;
    const refineMore = depth < maxDepth && b - a > minWidth && !isKinkGap(a, b)
      && (bad(fa, fm, fb, scaleF) || bad(da, dm, db, scaleDf)
        || (fa === null) !== (fb === null) || (da === null) !== (db === null));
    if (!refineMore) return;
    refine(a, fa, da, m, fm, dm, depth + 1);
    push(m, fm, dm);
    refine(m, fm, dm, b, fb, db, depth + 1);
  };

  let prevX = xs0[0];
  let prevF = finite(f(prevX));
  let prevDf = finite(df(prevX));
  push(prevX, prevF, prevDf);
  for (let i = 1; i < xs0.length; i++) {
    const x = xs0[i];
    const y = finite(f(x));
    const dy = finite(df(x));
    refine(prevX, prevF, prevDf, x, y, dy, 0);
    push(x, y, dy);
    prevX = x; prevF = y; prevDf = dy;
  }
  return { xs, f: fv, df: dfv };
}
