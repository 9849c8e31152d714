// Weight and bias initialisations as the mean-field estimate sees them: a weight variance and the
// distribution of the bias. The shape of the weight distribution (uniform, normal, truncated) does
// not matter, a pre-activation sums fan_in of them; the bias shape does, when the bias dominates.
//
// Framework defaults, checked against the framework sources:
// - PyTorch nn.Linear / nn.ConvNd reset_parameters: kaiming_uniform_(a=√5), i.e. U(±1/√fan_in),
//   variance 1/(3·fan_in); bias U(±1/√fan_in). fan_in counts in_channels × kernel size.
// - Keras Dense / Conv, tf.layers, TF.js dense / conv2d: glorot_uniform kernel, zeros bias.
// - Keras variance-scaling normals (glorot_normal, he_normal, lecun_normal) draw a truncated normal
//   whose stddev is divided by 0.8796, so the variance is the nominal one; PyTorch's are untruncated.
//   TF.js draws them from a normal truncated at 2σ without that correction: variance 0.774× nominal.
// - Orthogonal (torch.nn.init.orthogonal_, keras Orthogonal, default gain 1): the flattened
//   fan_out × fan_in matrix has orthonormal rows or columns, each entry of variance gain²/max(fan_in, fan_out).
import { normalCdf, normalPdf } from './special';

/** The fan a variance-scaling initialiser divides by: fan_in, fan_out or their mean. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';

export type WeightInit =
  | { scheme: 'torch-default' | 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal' | 'lecun-uniform' | 'lecun-normal' }
  /** Weight variance scale/n, n the fan `mode` names: Keras VarianceScaling, PyTorch kaiming_*_ and xavier_*_ with their gains. */
  | { scheme: 'variance-scaling'; scale: number; mode: FanMode }
  | { scheme: 'orthogonal'; gain?: number }
  /** Zero-mean normal of this standard deviation (after any truncation). */
  | { scheme: 'normal'; std: number }
  /** U(±bound). */
  | { scheme: 'uniform'; bound: number };

export type BiasInit =
  | { scheme: 'zeros' }
  /** PyTorch's default bias: U(±1/√fan_in). */
  | { scheme: 'torch-default' }
  | { scheme: 'normal'; std: number }
  | { scheme: 'uniform'; bound: number };

export interface InitSpec {
  weight: WeightInit;
  bias: BiasInit;
}

/** The distribution of one bias: none, U(±bound) or N(0, std²). */
export type BiasDistribution =
  | { kind: 'zero' }
  | { kind: 'uniform'; bound: number }
  | { kind: 'normal'; std: number };

export interface Initialization {
  weightVariance: number;
  bias: BiasDistribution;
}

/** Named initialisations the CLI accepts: a weight scheme with its framework's usual bias. */
export const NAMED_INITS = {
  'torch-default': { weight: { scheme: 'torch-default' }, bias: { scheme: 'torch-default' } },
  'glorot-uniform': { weight: { scheme: 'glorot-uniform' }, bias: { scheme: 'zeros' } },
  'glorot-normal': { weight: { scheme: 'glorot-normal' }, bias: { scheme: 'zeros' } },
  'he-uniform': { weight: { scheme: 'he-uniform' }, bias: { scheme: 'zeros' } },
  'he-normal': { weight: { scheme: 'he-normal' }, bias: { scheme: 'zeros' } },
  'lecun-uniform': { weight: { scheme: 'lecun-uniform' }, bias: { scheme: 'zeros' } },
  'lecun-normal': { weight: { scheme: 'lecun-normal' }, bias: { scheme: 'zeros' } },
  orthogonal: { weight: { scheme: 'orthogonal' }, bias: { scheme: 'zeros' } },
} as const satisfies Record<string, InitSpec>;

export type InitName = keyof typeof NAMED_INITS;

export function isInitName(name: string): name is InitName {
  return Object.prototype.hasOwnProperty.call(NAMED_INITS, name);
}

/** The weight distribution in words: `weight variance 2/fan_in`, `weights N(0, 0.02²)`. */
export function describeWeight(w: WeightInit): string {
  switch (w.scheme) {
    case 'torch-default': return 'weights U(±1/√fan_in)';
    case 'glorot-uniform':
    case 'glorot-normal': return 'weight variance 2/(fan_in+fan_out)';
    case 'he-uniform':
    case 'he-normal': return 'weight variance 2/fan_in';
    case 'lecun-uniform':
    case 'lecun-normal': return 'weight variance 1/fan_in';
    case 'variance-scaling': return `weight variance ${scaled(w.scale, w.mode)}`;
    case 'orthogonal': return `orthogonal weights, gain ${round(w.gain ?? 1)}`;
    case 'normal': return `weights N(0, ${round(w.std)}²)`;
    case 'uniform': return `weights U(±${round(w.bound)})`;
  }
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

function scaled(scale: number, mode: FanMode): string {
  return mode === 'fan_avg' ? `${round(2 * scale)}/(fan_in+fan_out)` : `${round(scale)}/${mode}`;
}

/** The bias distribution in words: `zero`, `U(±1/√fan_in) (the PyTorch default)`, `N(0, 0.01²)`. */
export function describeBias(b: BiasInit): string {
  switch (b.scheme) {
    case 'zeros': return 'zero';
    case 'torch-default': return 'U(±1/√fan_in) (the PyTorch default)';
    case 'normal': return `N(0, ${round(b.std)}²)`;
    case 'uniform': return `U(±${round(b.bound)})`;
  }
}

/** The initialisation in words, for help texts and stated assumptions. */
export function describeInit(spec: InitSpec): string {
  const bias = describeBias(spec.bias);
  return `${describeWeight(spec.weight)}, ${spec.bias.scheme === 'zeros' ? 'zero bias' : `bias ${bias}`}`;
}

function weightVariance(w: WeightInit, fanIn: number, fanOut: number): number {
  switch (w.scheme) {
    case 'torch-default': return 1 / (3 * fanIn);
    case 'glorot-uniform':
    case 'glorot-normal': return 2 / (fanIn + fanOut);
    case 'he-uniform':
    case 'he-normal': return 2 / fanIn;
    case 'lecun-uniform':
    case 'lecun-normal': return 1 / fanIn;
    case 'variance-scaling': return w.scale / (w.mode === 'fan_in' ? fanIn : w.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2);
    case 'orthogonal': return (w.gain ?? 1) ** 2 / Math.max(fanIn, fanOut);
    case 'normal': return w.std ** 2;
    case 'uniform': return w.bound ** 2 / 3;
  }
}

function biasDistribution(b: BiasInit, fanIn: number): BiasDistribution {
  switch (b.scheme) {
    case 'zeros': return { kind: 'zero' };
    case 'torch-default': return { kind: 'uniform', bound: 1 / Math.sqrt(fanIn) };
    case 'normal': return b.std === 0 ? { kind: 'zero' } : { kind: 'normal', std: Math.abs(b.std) };
    case 'uniform': return b.bound === 0 ? { kind: 'zero' } : { kind: 'uniform', bound: Math.abs(b.bound) };
  }
}

/** Standard deviation of N(0, std²) truncated to [-bound, bound] (redrawn outside, as Keras, TF.js and PyTorch do). */
export function truncatedStd(std: number, bound: number): number {
  const b = bound / std;
  const mass = 2 * normalCdf(b) - 1;
  return std * Math.sqrt(Math.max(0, 1 - (2 * b * normalPdf(b)) / mass));
}

/** Weight variance and bias distribution of an affine layer (Linear, Dense, Conv) with these fans. */
export function initialization(spec: InitSpec, fanIn: number, fanOut: number): Initialization {
  if (!(fanIn >= 1 && fanOut >= 1)) throw new RangeError(`fan_in and fan_out must be at least 1, got ${fanIn} and ${fanOut}`);
  return { weightVariance: weightVariance(spec.weight, fanIn, fanOut), bias: biasDistribution(spec.bias, fanIn) };
}
