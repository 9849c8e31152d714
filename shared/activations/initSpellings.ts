// Keras and TF.js initialiser spellings (`"he_normal"`, `HeNormal()`, `'heNormal'`,
// `RandomNormal(stddev=0.02)`, a Keras JSON `{"class_name": "VarianceScaling", ...}`) read as the
// weight or bias distribution the mean-field estimate takes. Defaults and formulas follow the
// Keras and TF.js documentation and sources:
// - VarianceScaling(scale=1, mode="fan_in"): variance scale/n for every distribution in Keras (its
//   truncated normal divides the stddev by 0.8796); TF.js truncates its 'normal' at 2σ without that
//   correction, so there the normal variants (heNormal, glorotNormal, leCunNormal) draw 0.774× less.
// - He = scale 2, fan_in; Glorot = scale 1, fan_avg; LeCun = scale 1, fan_in.
// - RandomNormal / TruncatedNormal (mean 0, stddev 0.05; truncated at 2σ), RandomUniform(±0.05),
//   Orthogonal(gain 1), Zeros, Constant(value 0).
// Initialisers with a non-zero mean (Ones, Constant, Identity, a shifted normal) have no reading:
// the estimate takes weights and biases with zero mean.
import { truncatedStd, type BiasInit, type FanMode, type WeightInit } from './initSchemes';

/** What an initialiser draws, for a weight or a bias (either may be absent: He normal is no bias). */
export interface InitReading {
  weight?: WeightInit;
  bias?: BiasInit;
  /** In words: `He normal`, `N(0, 0.02²)`. */
  label: string;
}

/** The value of an option by name (Keras keyword or config key, TF.js config key) or Python position. */
export type InitOption = (name: string, position: number) => number | string | undefined;

type Dialect = 'keras' | 'tfjs';

const NAMED_SCALES: Record<string, { scale: number; mode: FanMode; label: string }> = {
  glorotuniform: { scale: 1, mode: 'fan_avg', label: 'Glorot uniform' },
  glorotnormal: { scale: 1, mode: 'fan_avg', label: 'Glorot normal' },
  heuniform: { scale: 2, mode: 'fan_in', label: 'He uniform' },
  henormal: { scale: 2, mode: 'fan_in', label: 'He normal' },
  lecununiform: { scale: 1, mode: 'fan_in', label: 'LeCun uniform' },
  lecunnormal: { scale: 1, mode: 'fan_in', label: 'LeCun normal' },
};

/** Variance kept by a normal truncated at 2σ (Keras TruncatedNormal, TF.js truncatedNormal). */
const TRUNCATED_2SIGMA = truncatedStd(1, 2) ** 2;

function numberOption(option: InitOption, name: string, position: number, fallback: number): number | undefined {
  const v = option(name, position);
  if (v === undefined) return fallback;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function modeOption(option: InitOption, position: number): FanMode | undefined {
  const v = option('mode', position) ?? 'fan_in';
  if (typeof v !== 'string') return undefined;
  const mode = { fanin: 'fan_in', fanout: 'fan_out', fanavg: 'fan_avg' }[v.toLowerCase().replace(/_/g, '')];
  return mode as FanMode | undefined;
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

function scaled(scale: number, mode: FanMode, label: string): InitReading {
  return { weight: { scheme: 'variance-scaling', scale, mode }, label };
}

/** A zero-mean draw usable for a weight and a bias alike. */
function both(draw: { scheme: 'normal'; std: number } | { scheme: 'uniform'; bound: number }, label: string): InitReading {
  return { weight: draw, bias: draw, label };
}

/**
 * Reads a Keras or TF.js initialiser by class or string name (any of `he_normal`, `HeNormal`,
 * `heNormal`); undefined for a name that is no initialiser or options that cannot be read.
 */
export function kerasInitializer(name: string, option: InitOption, dialect: Dialect): InitReading | undefined {
  const key = name.toLowerCase().replace(/_/g, '');
  // TF.js truncates its variance-scaling normals without rescaling them.
  const normalFactor = dialect === 'tfjs' ? TRUNCATED_2SIGMA : 1;
  const named = Object.hasOwn(NAMED_SCALES, key) ? NAMED_SCALES[key] : undefined; // not `constructor`
  if (named) return scaled(named.scale * (key.endsWith('normal') ? normalFactor : 1), named.mode, named.label);
  switch (key) {
    case 'variancescaling': {
      const scale = numberOption(option, 'scale', 0, 1);
      const mode = modeOption(option, 1);
      const distribution = option('distribution', 2) ?? (dialect === 'tfjs' ? 'normal' : 'truncated_normal');
      if (scale === undefined || !(scale > 0) || !mode || typeof distribution !== 'string') return undefined;
      const factor = dialect === 'tfjs' && distribution === 'normal' ? TRUNCATED_2SIGMA : 1;
      return scaled(scale * factor, mode, `variance scaling with scale ${round(scale)}, ${mode}`);
    }
    case 'orthogonal': {
      const gain = numberOption(option, 'gain', 0, 1);
      return gain === undefined ? undefined : { weight: { scheme: 'orthogonal', gain }, label: gain === 1 ? 'orthogonal' : `orthogonal with gain ${round(gain)}` };
    }
    case 'randomnormal': case 'normal': case 'truncatednormal': {
      const mean = numberOption(option, 'mean', 0, 0);
      const std = numberOption(option, 'stddev', 1, 0.05);
      if (mean !== 0 || std === undefined) return undefined;
      if (std === 0) return { bias: { scheme: 'zeros' }, label: 'zeros' };
      const truncated = key === 'truncatednormal';
      return both({ scheme: 'normal', std: truncated ? truncatedStd(Math.abs(std), 2 * Math.abs(std)) : Math.abs(std) }, `${truncated ? 'truncated ' : ''}N(0, ${round(std)}²)`);
    }
    case 'randomuniform': case 'uniform': {
      const lo = numberOption(option, 'minval', 0, -0.05);
      const hi = numberOption(option, 'maxval', 1, 0.05);
      if (lo === undefined || hi === undefined || lo !== -hi) return undefined;
      return both({ scheme: 'uniform', bound: Math.abs(hi) }, `U(±${round(Math.abs(hi))})`);
    }
    case 'zeros': case 'zero':
      return { bias: { scheme: 'zeros' }, label: 'zeros' };
    case 'constant':
      return numberOption(option, 'value', 0, 0) === 0 ? { bias: { scheme: 'zeros' }, label: 'zeros' } : undefined;
    default:
      return undefined;
  }
}
