// The distribution of one pre-activation at initialisation: z = b + ζ, where the bias b is drawn
// once per unit by the initialiser and ζ ~ N(0, v) is the weighted sum over fan_in inputs. Gives
// the density of z and E[ζ | z], E[ζ² | z]: the share of z that came through the weights, which
// decides how much of the forward signal's direction a gradient keeps (see meanField.ts).
import erfc from '@stdlib/math-base-special-erfc';
import type { BiasDistribution } from './initSchemes';
import { normalCdfAbsolute, normalPdf } from './special';

/** Density of z at one point and the conditional moments of its weighted part ζ. */
export interface PreactivationPoint {
  density: number;
  zeta: number;
  zeta2: number;
}

export interface Preactivation {
  /** Variance of ζ. */
  v: number;
  bias: BiasDistribution;
}

// Beyond 12 standard deviations the normal density is below 1e-31 of its peak: moments of the
// polynomially growing integrands used here lose nothing measurable.
const REACH = 12;
// Below this ratio bound/√v a uniform bias is replaced by a normal one of equal variance: they
// differ in the fourth cumulant, −(2/15)·bound⁴, which moves smooth moments by about
// (1/180)·(bound²/v)², below 1e-10 here; the exact form would lose digits to cancellation.
const NARROW_UNIFORM = 1e-2;
// Above this ratio bound/√v the edges of the density, a few √v wide, are not resolved: z − bound
// loses bound/√v·ε of relative precision there. z is then taken as uniform with ζ independent of
// it, which moves smooth moments by O(v/bound²), below 1e-9 here.
const WIDE_UNIFORM = 3e4;
// Cuts around each edge of a uniform bias, in units of √v: the edge and where the density has
// flattened. Cuts at ±1 as well cost 1.5 times the time for estimates equal to 1e-7 relative.
const EDGE_OFFSETS = [-4, 0, 4];

/** Variance of the bias. */
export function biasVariance(bias: BiasDistribution): number {
  return bias.kind === 'zero' ? 0 : bias.kind === 'uniform' ? bias.bound ** 2 / 3 : bias.std ** 2;
}

/** The bias as the quadrature sees it: a uniform bias much narrower than √v becomes normal. */
function effectiveBias(p: Preactivation): BiasDistribution {
  if (p.bias.kind === 'uniform' && p.bias.bound < NARROW_UNIFORM * Math.sqrt(p.v)) return { kind: 'normal', std: p.bias.bound / Math.sqrt(3) };
  return p.bias;
}

function isWide(p: Preactivation): boolean {
  return p.bias.kind === 'uniform' && p.bias.bound > WIDE_UNIFORM * Math.sqrt(p.v);
}

/** Interval outside which z has negligible mass, and where the density has kinks (uniform edges). */
export function support(p: Preactivation): { lo: number; hi: number; edges: number[] } {
  const bias = effectiveBias(p);
  if (bias.kind === 'uniform') {
    const s = isWide(p) ? 0 : Math.sqrt(p.v);
    const reach = bias.bound + REACH * s;
    // The density falls from 1/(2·bound) to 0 over a few √v around each edge: pieces of that width
    // there, so that adaptive refinement need not bisect from the bound down to √v. A bias narrower
    // than √v only smooths the normal: no edge to resolve, and the pieces would cost a third of a
    // cold estimate under PyTorch's default init (bound 1/√fan_in, v ≈ 1/3).
    const edges = bias.bound > s ? [-1, 1].flatMap((side) => EDGE_OFFSETS.map((k) => side * bias.bound + k * s)) : [];
    return { lo: -reach, hi: reach, edges };
  }
  const reach = REACH * Math.sqrt(p.v + biasVariance(bias));
  return { lo: -reach, hi: reach, edges: [] };
}

/** erfc(x)·e^{x²} for x ≥ 0, finite where erfc underflows. */
function erfcx(x: number): number {
  if (x < 5) return erfc(x) * Math.exp(x * x);
  // Continued fraction erfc(x)·e^{x²} = (1/√π)/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated
  // from the tail; 40 levels reach full precision for x ≥ 5.
  let t = x;
  for (let k = 40; k >= 1; k--) t = x + k / 2 / t;
  return 1 / (Math.sqrt(Math.PI) * t);
}

interface Truncated { mass: number; mean: number; second: number }

/**
 * For t ~ N(0,1) restricted to [lo, hi]: the mass Φ(hi) − Φ(lo) and the conditional E[t], E[t²],
 * written into `out` (evaluated at every quadrature node: no allocation). Intervals in one tail
 * are evaluated through erfcx so that neither the mass nor the ratios underflow.
 */
function truncatedNormal(lo: number, hi: number, out: Truncated): void {
  if (hi <= 0) {
    truncatedNormal(-hi, -lo, out);
    out.mean = -out.mean;
    return;
  }
  if (lo >= 0) {
    // Q(x) = erfc(x/√2)/2 = e^{-x²/2}·erfcx(x/√2)/2; everything is scaled by e^{lo²/2}.
    const rho = Math.exp(-(hi * hi - lo * lo) / 2);
    const d = erfcx(lo * Math.SQRT1_2) - rho * erfcx(hi * Math.SQRT1_2);
    const k = 2 / (Math.sqrt(2 * Math.PI) * d);
    out.mass = 0.5 * Math.exp(-(lo * lo) / 2) * d;
    out.mean = k * (1 - rho);
    out.second = 1 + k * (lo - hi * rho);
    return;
  }
  // lo < 0 < hi and hi − lo ≥ 0.02 (a narrower bias is taken as normal): the mass is at least
  // 0.008, so Φ to absolute precision gives it to 1e-13 relative, in a third of the time.
  const mass = normalCdfAbsolute(hi) - normalCdfAbsolute(lo);
  const pl = normalPdf(lo);
  const ph = normalPdf(hi);
  out.mass = mass;
  out.mean = (pl - ph) / mass;
  out.second = 1 + (lo * pl - hi * ph) / mass;
}

/**
 * The density of z with E[ζ | z] and E[ζ² | z], as a function that writes them into `out`: the
 * bias's case is settled once, and the quadrature's nodes allocate nothing.
 */
export function preactivationDensity(p: Preactivation): (z: number, out: PreactivationPoint) => void {
  const bias = effectiveBias(p);
  const v = p.v;
  if (bias.kind === 'zero') {
    const s = Math.sqrt(v);
    return (z, out) => {
      out.density = normalPdf(z / s) / s;
      out.zeta = z;
      out.zeta2 = z * z;
    };
  }
  if (bias.kind === 'normal') {
    const total = v + bias.std ** 2;
    const share = v / total;
    const root = Math.sqrt(total);
    const floor = share * bias.std ** 2;
    return (z, out) => {
      out.density = normalPdf(z / root) / root;
      out.zeta = share * z;
      out.zeta2 = floor + (share * z) ** 2;
    };
  }
  const a = bias.bound;
  if (isWide(p)) {
    return (z, out) => {
      out.density = Math.abs(z) <= a ? 1 / (2 * a) : 0;
      out.zeta = 0;
      out.zeta2 = v;
    };
  }
  // b | z is N(z, v) truncated to [-a, a]; with b = z + √v·t, ζ = z − b = −√v·t.
  const s = Math.sqrt(v);
  const t: Truncated = { mass: 0, mean: 0, second: 0 };
  return (z, out) => {
    truncatedNormal((-a - z) / s, (a - z) / s, t);
    const alive = t.mass !== 0;
    out.density = alive ? t.mass / (2 * a) : 0;
    out.zeta = alive ? -s * t.mean : 0;
    out.zeta2 = alive ? v * t.second : 0;
  };
}
