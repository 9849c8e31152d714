// The per-sample spread of a layer's pre-activation variance at finite width. For one input
// sample, v' = σ_w²·Σ_{j ≤ fan_in} x_j² sums fan_in random terms, so it fluctuates from sample to
// sample, and the fluctuations carry through the layers: a sample that starts large stays large.
// Gradients average over samples, so where the slope depends on v (everything but ReLU-like
// activations) the mean over this distribution differs from the value at the mean.
//
// The distribution is discretised on a grid of v (uniform in ln v). A step maps each grid point to
// a lognormal with the step's mean and variance and spreads it over the next grid's cells.
// A transition evaluates Φ at every (source, target) pair, 4096 per layer, and needs the masses
// only to absolute precision (they sum to 1): normalCdfAbsolute.
import { normalCdfAbsolute } from './special';

/** Support points (ascending; may start with 0, a sample whose signal is exactly zero) and their masses. */
export interface SampleGrid {
  v: Float64Array;
  mass: Float64Array;
}

/** Grid points per layer: 64 keeps the discretisation error of a 12-layer stack near 1%. */
const GRID_POINTS = 64;
// Half-width of a grid in standard deviations of ln v.
const GRID_REACH = 6;
// Samples further than this from the centre (in ln v, a factor 2.6e10) are lumped into the end
// cells: only activations that collapse faster than exponentially (tanhshrink) spread that far, and
// there the batch gradient is carried by its few most extreme samples anyway.
const MAX_HALF_WIDTH = 24;
// Spreads below this (in ln v) are a point mass.
const POINT_SPREAD = 1e-9;

export function pointGrid(v: number): SampleGrid {
  return { v: Float64Array.of(v), mass: Float64Array.of(1) };
}

/** One step from every source point: the mean and variance of the next v. */
export interface StepMoments {
  mean: Float64Array;
  variance: Float64Array;
}

interface LogNormal {
  mu: number;
  sigma: number;
}

function logNormal(mean: number, variance: number): LogNormal {
  // Divided twice: mean² underflows for the tiny variances of a collapsing signal.
  const s2 = Math.log1p(variance / mean / mean);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Grid for the next layer: covers the mixture of the step's lognormals over the source masses. */
export function nextGrid(source: SampleGrid, step: StepMoments): Float64Array {
  let alive = 0;
  let m1 = 0;
  let m2 = 0;
  let hasZero = false;
  for (let i = 0; i < source.v.length; i++) {
    const p = source.mass[i];
    if (!(step.mean[i] > 0)) {
      hasZero ||= p > 0;
      continue;
    }
    const { mu, sigma } = logNormal(step.mean[i], step.variance[i]);
    alive += p;
    m1 += p * mu;
    m2 += p * (sigma * sigma + mu * mu);
  }
  if (alive === 0) return Float64Array.of(0);
  const center = m1 / alive;
  const spread = Math.sqrt(Math.max(0, m2 / alive - center * center));
  const half = Math.min(GRID_REACH * spread, MAX_HALF_WIDTH);
  const points = spread < POINT_SPREAD ? [Math.exp(center)] : Array.from({ length: GRID_POINTS }, (_, j) => Math.exp(center + half * ((2 * j) / (GRID_POINTS - 1) - 1)));
  return Float64Array.from(hasZero ? [0, ...points] : points);
}

/**
 * Row-major transition matrix (source × target): each source's lognormal mass per target cell, cells
 * split halfway (in ln v) between target points, the end cells open. A zero mean goes to the zero point.
 */
export function transition(target: Float64Array, step: StepMoments): Float64Array {
  const n = target.length;
  const first = target[0] === 0 ? 1 : 0;
  const edges: number[] = [];
  for (let j = first; j + 1 < n; j++) edges.push((Math.log(target[j]) + Math.log(target[j + 1])) / 2);
  const rows = step.mean.length;
  const out = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) {
    const row = i * n;
    if (!(step.mean[i] > 0)) {
      out[row] = 1;
      continue;
    }
    const { mu, sigma } = logNormal(step.mean[i], step.variance[i]);
    let below = 0;
    for (let j = first; j < n; j++) {
      const edge = j - first < edges.length ? edges[j - first] : Infinity;
      const cdf = edge === Infinity ? 1 : sigma > 0 ? normalCdfAbsolute((edge - mu) / sigma) : mu < edge ? 1 : 0;
      out[row + j] = cdf - below;
      below = cdf;
    }
  }
  return out;
}

/** mass · matrix: the distribution after the step. */
export function push(mass: Float64Array, matrix: Float64Array, targets: number): Float64Array {
  const out = new Float64Array(targets);
  for (let i = 0; i < mass.length; i++) {
    const p = mass[i];
    if (p === 0) continue;
    const row = i * targets;
    for (let j = 0; j < targets; j++) out[j] += p * matrix[row + j];
  }
  return out;
}

/** matrix · values: the expectation of next-layer values from each source point. */
export function pull(matrix: Float64Array, values: Float64Array, sources: number): Float64Array {
  const targets = values.length;
  const out = new Float64Array(sources);
  for (let i = 0; i < sources; i++) {
    const row = i * targets;
    let sum = 0;
    for (let j = 0; j < targets; j++) sum += matrix[row + j] * values[j];
    out[i] = sum;
  }
  return out;
}
