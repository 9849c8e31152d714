// Cancellation-free building blocks shared by the activation definitions. Every function here is
// finite for every finite input and keeps full relative accuracy in the tails (e^{-|x|} forms).
import erfc from '@stdlib/math-base-special-erfc';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** σ(x) = 1/(1+e^{-x}), evaluated through e^{-|x|} so that neither tail loses digits. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)σ(−x) = e^{-|x|}/(1+e^{-|x|})²; autograd's σ(1−σ) is 0 beyond |x| ≈ 37. */
export function sigmoidSlope(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  return e / (d * d);
}

/** log(1+e^x) = max(x,0) + log1p(e^{-|x|}): no overflow for large x, full precision for negative x. */
export function log1pExp(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** sech²(x) = 4e^{-2|x|}/(1+e^{-2|x|})², instead of 1 − tanh², which cancels for |x| ≳ 1. */
export function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const d = 1 + e;
  return (4 * e) / (d * d);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2: accurate for very negative x, where 1 + erf cancels. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/**
 * Φ(x) by Hart's algorithm 5666 (as given by West 2005, "Better approximations to cumulative normal
 * functions"): absolute error below 3e-16 but relative error up to 1e-8 in the lower tail, in a
 * third of normalCdf's time. For sums of masses, not for tail probabilities.
 */
export function normalCdfAbsolute(x: number): number {
  const a = Math.abs(x);
  if (a > 37) return x > 0 ? 1 : 0;
  const e = Math.exp((-a * a) / 2);
  let tail: number;
  if (a < 7.07106781186547) {
    let n = 3.52624965998911e-2 * a + 0.700383064443688;
    n = n * a + 6.37396220353165;
    n = n * a + 33.912866078383;
    n = n * a + 112.079291497871;
    n = n * a + 221.213596169931;
    n = n * a + 220.206867912376;
    let d = 8.83883476483184e-2 * a + 1.75566716318264;
    d = d * a + 16.064177579207;
    d = d * a + 86.7807322029461;
    d = d * a + 296.564248779674;
    d = d * a + 637.333633378831;
    d = d * a + 793.826512519948;
    d = d * a + 440.413735824752;
    tail = (e * n) / d;
  } else {
    // Continued fraction for the Mills ratio.
    let b = a + 0.65;
    b = a + 4 / b;
    b = a + 3 / b;
    b = a + 2 / b;
    b = a + 1 / b;
    tail = e / b / 2.506628274631;
  }
  return x > 0 ? 1 - tail : tail;
}

/** Clamps an overflowed result (a slope > 1 applied near ±MAX_VALUE) to the largest finite double. */
export function saturate(v: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, v));
}

// Taylor coefficients a_n of tanh x = Σ a_n x^{2n+1}, from y' = 1 − y²:
// (2n+1)·a_n = [n = 0] − Σ_{i+j=n−1} a_i·a_j. Computed once; no hand-typed constants.
const TANH_TERMS = 14;
const TANH_COEFFS: number[] = (() => {
  const a: number[] = [];
  for (let n = 0; n < TANH_TERMS; n++) {
    let conv = 0;
    for (let i = 0; i <= n - 1; i++) conv += a[i] * a[n - 1 - i];
    a.push(((n === 0 ? 1 : 0) - conv) / (2 * n + 1));
  }
  return a;
})();

// Below this |x|, x − tanh x cancels by more than 8 bits; the series needs 14 terms for 1e-17 here.
const TANHSHRINK_SERIES_LIMIT = 0.25;

/** x − tanh(x) without cancellation near 0 (PyTorch returns 0 for tanhshrink(1e-8); the truth is 3.3e-25). */
export function tanhShrink(x: number): number {
  if (Math.abs(x) >= TANHSHRINK_SERIES_LIMIT) return x - Math.tanh(x);
  const x2 = x * x;
  let sum = 0;
  for (let n = TANH_TERMS - 1; n >= 1; n--) sum = sum * x2 + TANH_COEFFS[n];
  // x − tanh x = −Σ_{n≥1} a_n x^{2n+1} = −x³·(a_1 + a_2 x² + …)
  return -x * x2 * sum;
}
