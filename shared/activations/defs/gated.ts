// Self-gated activations x·g(x). Written so that the negative tail keeps relative accuracy:
// GELU through erfc (PyTorch's 1 + erf(x/√2) gives GELU(−10) = 0 instead of −7.6e-23), the tanh
// approximation through 1 + tanh(u) = 2σ(2u), Mish through e^{±x} rational forms.
import { str } from '../paramValue';
import { normalCdf, normalPdf, sigmoid, sigmoidSlope } from '../special';
import type { ActivationDef } from '../types';

// gelu(approximate='tanh'): PyTorch's kBeta = M_SQRT2 * M_2_SQRTPI * 0.5 = √(2/π), kKappa = 0.044715.
const TANH_BETA = Math.sqrt(2 / Math.PI);
const TANH_KAPPA = 0.044715;
// quick_gelu: x·σ(1.702x) (Hendrycks & Gimpel 2016; Hugging Face QuickGELUActivation).
const QUICK_GELU_SCALE = 1.702;

function geluTanh(x: number): number {
  const u = TANH_BETA * x * (1 + TANH_KAPPA * x * x);
  return x * sigmoid(2 * u);
}

function geluTanhSlope(x: number): number {
  const u = TANH_BETA * x * (1 + TANH_KAPPA * x * x);
  const gate = sigmoid(2 * u);
  const gateSlope = sigmoidSlope(2 * u);
  // Where the gate is flat (including u = ±∞ for huge |x|) the second term is 0, not ∞·0.
  if (gateSlope === 0) return gate;
  return gate + 2 * x * TANH_BETA * (1 + 3 * TANH_KAPPA * x * x) * gateSlope;
}

/** Mish gate tanh(softplus(x)) and x·sech²(softplus(x))·σ(x), as rational functions of e^{∓x}. */
function mishParts(x: number): { gate: number; slopeTerm: number } {
  if (x <= 0) {
    const e = Math.exp(x);
    const d = e * e + 2 * e + 2;
    // x multiplies last: 4·x overflows for x near −MAX_VALUE, where e = 0 makes the term 0.
    return { gate: (e * (e + 2)) / d, slopeTerm: ((4 * e * (e + 1)) / (d * d)) * x };
  }
  const w = Math.exp(-x);
  const d = 1 + 2 * w + 2 * w * w;
  return { gate: (1 + 2 * w) / d, slopeTerm: ((4 * w * w * (1 + w)) / (d * d)) * x };
}

export const GATED: readonly ActivationDef[] = [
  {
    id: 'gelu',
    title: 'GELU',
    formula: "x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2)); approximate='tanh': 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))",
    params: [{ name: 'approximate', default: 'none', choices: ['none', 'tanh'], doc: "'tanh' selects the tanh approximation" }],
    f: (x, p) => (str(p, 'approximate') === 'tanh' ? geluTanh(x) : x * normalCdf(x)),
    df: (x, p) => {
      if (str(p, 'approximate') === 'tanh') return geluTanhSlope(x);
      const pdf = normalPdf(x);
      return normalCdf(x) + (pdf === 0 ? 0 : x * pdf);
    },
    kinks: () => [],
    cost: 'transcendental',
    notes: 'PyTorch computes 0.5*x*(1 + erf(x/sqrt 2)), which is 0 below x ≈ -8; the value here uses erfc and stays exact.',
  },
  {
    id: 'gelu_sigmoid',
    title: 'QuickGELU',
    formula: 'x * sigmoid(1.702 * x)',
    params: [],
    f: (x) => x * sigmoid(QUICK_GELU_SCALE * x),
    df: (x) => {
      const z = QUICK_GELU_SCALE * x;
      const s = sigmoidSlope(z);
      return sigmoid(z) + (s === 0 ? 0 : z * s);
    },
    kinks: () => [],
    cost: 'transcendental',
    notes: 'Sigmoid approximation of GELU (quick_gelu in CLIP and Hugging Face); differs from GELU by up to 0.02.',
  },
  {
    id: 'silu',
    title: 'SiLU',
    formula: 'x * sigmoid(x)',
    params: [],
    f: (x) => x * sigmoid(x),
    df: (x) => {
      const s = sigmoidSlope(x);
      return sigmoid(x) + (s === 0 ? 0 : x * s);
    },
    kinks: () => [],
    cost: 'transcendental',
  },
  {
    id: 'mish',
    title: 'Mish',
    formula: 'x * tanh(softplus(x))',
    params: [],
    f: (x) => x * mishParts(x).gate,
    df: (x) => {
      const { gate, slopeTerm } = mishParts(x);
      return gate + slopeTerm;
    },
    kinks: () => [],
    cost: 'transcendental',
  },
];
