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
// - Orthogonal (torch.nn.init.orthogonal_, keras Orthogonal, default gain 1): the flattened
//   fan_out × fan_in matrix has orthonormal rows or columns, each entry of variance gain²/max(fan_in, fan_out).

export type WeightInit =
  | { scheme: 'torch-default' | 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal' | 'lecun-uniform' | 'lecun-normal' }
  | { scheme: 'orthogonal'; gain?: number }
  /** nn.init.normal_(std) (PyTorch default std 1), keras RandomNormal(stddev) (Keras default 0.05). */
  | { scheme: 'normal'; std: number };

export type BiasInit =
  | { scheme: 'zeros' }
  /** PyTorch's default bias: U(±1/√fan_in). */
  | { scheme: 'torch-default' }
  | { scheme: 'normal'; std: number };

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

function describeWeight(w: WeightInit): string {
  switch (w.scheme) {
    case 'torch-default': return 'weights U(±1/√fan_in)';
    case 'glorot-uniform':
    case 'glorot-normal': return 'weight variance 2/(fan_in+fan_out)';
    case 'he-uniform':
    case 'he-normal': return 'weight variance 2/fan_in';
    case 'lecun-uniform':
    case 'lecun-normal': return 'weight variance 1/fan_in';
    case 'orthogonal': return `orthogonal weights, gain ${w.gain ?? 1}`;
    case 'normal': return `weights N(0, ${w.std}²)`;
  }
}

function describeBias(b: BiasInit): string {
  switch (b.scheme) {
    case 'zeros': return 'zero bias';
    case 'torch-default': return 'bias U(±1/√fan_in)';
    case 'normal': return `bias N(0, ${b.std}²)`;
  }
}

/** The initialisation in words, for help texts and stated assumptions. */
export function describeInit(spec: InitSpec): string {
  return `${describeWeight(spec.weight)}, ${describeBias(spec.bias)}`;
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
    case 'orthogonal': return (w.gain ?? 1) ** 2 / Math.max(fanIn, fanOut);
    case 'normal': return w.std ** 2;
  }
}

function biasDistribution(b: BiasInit, fanIn: number): BiasDistribution {
  switch (b.scheme) {
    case 'zeros': return { kind: 'zero' };
    case 'torch-default': return { kind: 'uniform', bound: 1 / Math.sqrt(fanIn) };
    case 'normal': return b.std === 0 ? { kind: 'zero' } : { kind: 'normal', std: Math.abs(b.std) };
  }
}

/** Weight variance and bias distribution of an affine layer (Linear, Dense, Conv) with these fans. */
export function initialization(spec: InitSpec, fanIn: number, fanOut: number): Initialization {
  if (!(fanIn >= 1 && fanOut >= 1)) throw new RangeError(`fan_in and fan_out must be at least 1, got ${fanIn} and ${fanOut}`);
  return { weightVariance: weightVariance(spec.weight, fanIn, fanOut), bias: biasDistribution(spec.bias, fanIn) };
}
