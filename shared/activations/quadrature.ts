// Expectations over z ~ N(0,1) by adaptive Gauss–Legendre on pieces split at the kinks, where the
// integrand is smooth. Gauss–Hermite would spread one rule across the kinks and converge slowly.
import { normalPdf } from './special';

const ORDER = 16;

/** Nodes and weights of the ORDER-point Gauss–Legendre rule on [-1, 1], by Newton's method on P_n. */
const RULE: { nodes: number[]; weights: number[] } = (() => {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= ORDER; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (ORDER + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Three-term recurrence for P_n(x) and its derivative.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= ORDER; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (ORDER * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * dp * dp));
  }
  return { nodes, weights };
})();

function gaussLegendre(g: (z: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < ORDER; i++) sum += RULE.weights[i] * g(mid + half * RULE.nodes[i]);
  return sum * half;
}

const MAX_DEPTH = 30;

function adaptive(g: (z: number) => number, a: number, b: number, whole: number, tol: number, depth: number): number {
  const m = (a + b) / 2;
  const left = gaussLegendre(g, a, m);
  const right = gaussLegendre(g, m, b);
  // Below a few hundred ulps of the piece the difference is rounding noise: stop there too.
  // A non-finite piece would never converge: fail instead of recursing to the depth limit everywhere.
  if (!Number.isFinite(left + right)) throw new RangeError(`integrand is not finite on [${a}, ${b}]`);
  const noise = 256 * Number.EPSILON * (Math.abs(left) + Math.abs(right));
  if (Math.abs(left + right - whole) <= Math.max(tol, noise) || depth >= MAX_DEPTH) return left + right;
  return adaptive(g, a, m, left, tol / 2, depth + 1) + adaptive(g, m, b, right, tol / 2, depth + 1);
}

// Beyond |z| = 16 the density is below 1e-56: bounded integrands contribute nothing measurable.
const TAIL = 16;
const TOLERANCE = 1e-15;

/** E[g(z)] for z ~ N(0,1); g must be smooth between consecutive `breakpoints`. */
export function normalExpectation(g: (z: number) => number, breakpoints: readonly number[]): number {
  const cuts = [...new Set([-TAIL, 0, ...breakpoints.filter((b) => b > -TAIL && b < TAIL), TAIL])].sort((a, b) => a - b);
  const integrand = (z: number) => g(z) * normalPdf(z);
  let total = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    total += adaptive(integrand, a, b, gaussLegendre(integrand, a, b), TOLERANCE, 0);
  }
  return total;
}
