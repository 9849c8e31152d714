// Notable points of a sampled activation: where |f'| peaks and where it saturates (|f'| < 0.01).

import { formatValue } from './format';
import type { CurveSamples } from './sample';

/** |f'| below this counts as saturated: the gradient through the unit is under 1%. */
export const SATURATION_THRESHOLD = 0.01;

export interface PeakMarker {
  x: number;
  /** f'(x), signed. */
  df: number;
  f: number;
}

export interface SaturationInterval {
  from: number;
  to: number;
}

export interface CurveMarkers {
  /** The interior maximum of |f'|, when it is a point (not a plateau, nor the edge of the range). */
  peak?: PeakMarker;
  /** Tails and dead zones where |f'| < SATURATION_THRESHOLD (see `saturation`). */
  saturation: SaturationInterval[];
}

/** x is shown to 1/10000 of the visible width: the peak search leaves ~1e-8 of noise, and 0 must read 0. */
export function peakLabel(m: PeakMarker, width: number): string {
  const step = 10 ** (Math.floor(Math.log10(width)) - 4);
  return `max |f′| ${formatValue(Math.abs(m.df))} at x = ${formatValue(Math.round(m.x / step) * step)}`;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Golden-section search for the maximum of a unimodal g on [a, b]. */
function argMax(g: (x: number) => number, a: number, b: number): number {
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let gc = g(c);
  let gd = g(d);
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    if (gc >= gd) { b = d; d = c; gd = gc; c = b - GOLDEN * (b - a); gc = g(c); }
    else { a = c; c = d; gc = gd; d = a + GOLDEN * (b - a); gd = g(d); }
  }
  return (a + b) / 2;
}

/** Bisection for the point between a (where pred holds) and b (where it does not). */
function boundary(pred: (x: number) => boolean, a: number, b: number): number {
  for (let i = 0; i < 100 && Math.abs(b - a) > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    const m = (a + b) / 2;
    if (pred(m)) a = m; else b = m;
  }
  return (a + b) / 2;
}

function peak(samples: CurveSamples, f: (x: number) => number, df: (x: number) => number,
  kinks: readonly number[]): PeakMarker | undefined {
  const { xs, df: dv } = samples;
  let best = -1;
  for (let i = 0; i < xs.length; i++) {
    const v = dv[i];
    if (v !== null && (best < 0 || Math.abs(v) > Math.abs(dv[best] as number))) best = i;
  }
  if (best <= 0 || best >= xs.length - 1) return undefined; // at the edge: the peak lies outside
  const top = Math.abs(dv[best] as number);
  // A plateau (ReLU's f' = 1 for x > 0) has no single argmax: mark nothing.
  const flat = (i: number) => dv[i] !== null && Math.abs(Math.abs(dv[i] as number) - top) <= 1e-9 * Math.max(1, top);
  if (flat(best - 1) || flat(best + 1)) return undefined;
  const a = xs[best - 1];
  const b = xs[best + 1];
  // Refine only where |f'| is smooth; next to a kink the sampled point is already exact enough.
  const smooth = !kinks.some((k) => k >= a - 2 * Math.abs(a) * 1e-7 && k <= b + 2 * Math.abs(b) * 1e-7);
  const x = smooth ? argMax((t) => Math.abs(df(t)), a, b) : xs[best];
  return { x, df: df(x), f: f(x) };
}

/**
 * Intervals where |f'| < SATURATION_THRESHOLD that are saturation rather than a zero crossing of
 * f' (GELU and SiLU cross zero near x = -0.75 and -1.28): tails that reach the edge of the range,
 * and dead zones where |f'| stays flat near zero (under a tenth of the threshold over half the
 * interval, like Hardshrink between -λ and λ).
 */
function saturation(samples: CurveSamples, df: (x: number) => number): SaturationInterval[] {
  const { xs, df: dv } = samples;
  const low = (v: number | null) => v !== null && Math.abs(v) < SATURATION_THRESHOLD;
  const isLow = (x: number) => low(df(x));
  const out: SaturationInterval[] = [];
  const minWidth = (xs[xs.length - 1] - xs[0]) * 1e-4;
  let i = 0;
  while (i < xs.length) {
    if (!low(dv[i])) { i++; continue; }
    let j = i;
    while (j + 1 < xs.length && low(dv[j + 1])) j++;
    const from = i === 0 ? xs[0] : boundary(isLow, xs[i], xs[i - 1]);
    const to = j === xs.length - 1 ? xs[j] : boundary(isLow, xs[j], xs[j + 1]);
    const tail = i === 0 || j === xs.length - 1;
    let flatWidth = 0;
    for (let k = i; k < j; k++) {
      if (Math.abs(dv[k] as number) < SATURATION_THRESHOLD / 10 && Math.abs(dv[k + 1] as number) < SATURATION_THRESHOLD / 10) {
        flatWidth += xs[k + 1] - xs[k];
      }
    }
    // Narrower than a pixel is a convention at a single point (ReLU6's f'(6) = 0), not a zone.
    if (to - from > minWidth && (tail || flatWidth >= (to - from) / 2)) out.push({ from, to });
    i = j + 1;
  }
  return out;
}

export function findMarkers(samples: CurveSamples, f: (x: number) => number, df: (x: number) => number,
  kinks: readonly number[]): CurveMarkers {
  return { peak: peak(samples, f, df, kinks), saturation: saturation(samples, df) };
}
