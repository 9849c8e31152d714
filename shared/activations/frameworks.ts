// Framework spellings → core ids and parameters, and back (for hovers).
import { FRAMEWORK_TABLES, type SpellingEntry, type SpellingKind } from './frameworkTables';
import { getActivation, resolveParams } from './registry';
import type { Framework, FrameworkSpelling, FrameworkSpellings, ParamValues } from './types';

export type ParamFramework = Exclude<Framework, 'hf'>;

export interface FrameworkNameOptions {
  /** Keras major version; decides hard_sigmoid. Defaults to 2 (tf.keras). */
  kerasVersion?: 2 | 3;
  /** How the name is used; separates a layer from an op of the same name (TF.js `prelu`). */
  kind?: SpellingKind;
}

// Class-like (nn.Module, Keras/TF.js layer) versus callable-like (function, op, activation string).
const CLASS_LIKE: ReadonlySet<SpellingKind> = new Set(['module', 'layer']);

function matches(entry: SpellingEntry, name: string, opts: FrameworkNameOptions): boolean {
  if (entry.name !== name) return false;
  if (opts.kind && CLASS_LIKE.has(opts.kind) !== CLASS_LIKE.has(entry.kind)) return false;
  return entry.kerasVersion === undefined || entry.kerasVersion === (opts.kerasVersion ?? 2);
}

/**
 * Framework spellings → core id + that framework's default params. `name` is the bare identifier or string
 * as written (`LeakyReLU`, `leaky_relu`, `hardSigmoid`, `gelu_new`). Undefined for names that are not
 * modelled activations (Keras `exponential`, HF `relu2`, …). `linear` maps to `identity`.
 */
export function resolveFrameworkName(
  framework: Framework,
  name: string,
  opts: FrameworkNameOptions = {},
): { id: string; params: ParamValues } | undefined {
  const entry = FRAMEWORK_TABLES[framework].find((e) => matches(e, name, opts));
  if (!entry) return undefined;
  const def = getActivation(entry.id);
  if (!def) throw new Error(`framework table names unknown activation '${entry.id}'`);
  return { id: entry.id, params: resolveParams(def, entry.params) };
}

type ParamValue = number | string | boolean;
type ParamRule = string | ((value: ParamValue) => { name: string; value: number | string } | undefined);

const boolToApproximate: ParamRule = (v) => (typeof v === 'boolean' ? { name: 'approximate', value: v ? 'tanh' : 'none' } : undefined);
const initializerToWeight: ParamRule = (v) => {
  const known: Record<string, number> = { zeros: 0, Zeros: 0, ones: 1, Ones: 1 };
  return typeof v === 'string' && v in known ? { name: 'weight', value: known[v] } : undefined;
};

// Framework argument name → core parameter name (or a converter), per core id.
const PARAM_RULES: Readonly<Record<ParamFramework, Readonly<Record<string, Readonly<Record<string, ParamRule>>>>>> = {
  pytorch: {
    leaky_relu: { negative_slope: 'negative_slope' },
    prelu: { init: 'weight', weight: 'weight' },
    rrelu: { lower: 'lower', upper: 'upper' },
    elu: { alpha: 'alpha' },
    celu: { alpha: 'alpha' },
    gelu: { approximate: 'approximate' },
    softplus: { beta: 'beta', threshold: 'threshold' },
    hardtanh: { min_val: 'min_val', max_val: 'max_val', min_value: 'min_val', max_value: 'max_val' },
    softshrink: { lambd: 'lambd' },
    hardshrink: { lambd: 'lambd' },
    threshold: { threshold: 'threshold', value: 'value' },
  },
  keras: {
    leaky_relu: { negative_slope: 'negative_slope', alpha: 'negative_slope' },
    elu: { alpha: 'alpha' },
    celu: { alpha: 'alpha' },
    gelu: { approximate: boolToApproximate },
    softshrink: { threshold: 'lambd' },
    hardshrink: { threshold: 'lambd' },
    threshold: { threshold: 'threshold', default_value: 'value', theta: 'threshold' },
    prelu: { alpha_initializer: initializerToWeight },
  },
  tensorflow: {
    leaky_relu: { alpha: 'negative_slope' },
    gelu: { approximate: boolToApproximate },
  },
  tfjs: {
    leaky_relu: { alpha: 'negative_slope' },
    elu: { alpha: 'alpha' },
    threshold: { theta: 'threshold' },
    prelu: { alpha: 'weight', alphaInitializer: initializerToWeight },
  },
};

/**
 * Map a framework argument to the core parameter: Keras LeakyReLU(alpha=0.1) → negative_slope,
 * tf.nn.gelu(approximate=True) → approximate 'tanh'. Undefined for arguments the core does not model
 * (inplace, dim, name, a non-default tf.nn.silu beta, …) or values of the wrong type.
 */
export function mapFrameworkParam(
  framework: ParamFramework,
  id: string,
  name: string,
  value: ParamValue,
): { name: string; value: number | string } | undefined {
  const rule = PARAM_RULES[framework][id]?.[name];
  if (rule === undefined) return undefined;
  if (typeof rule === 'function') return rule(value);
  const spec = getActivation(id)?.params.find((s) => s.name === rule);
  if (!spec) return undefined;
  const wanted = typeof spec.default;
  return typeof value === wanted ? { name: rule, value: value as number | string } : undefined;
}

// Keras relu(x, negative_slope|alpha, max_value, threshold) and TF.js reLU({maxValue}) are other core
// activations when one of these is set.
function rectifierVariant(args: Readonly<Record<string, ParamValue | null>>): { id: string; params: Record<string, number> } | undefined {
  const slope = args.negative_slope ?? args.alpha ?? 0;
  const max = args.max_value ?? args.maxValue ?? null;
  const threshold = args.threshold ?? 0;
  if (typeof slope !== 'number' || (max !== null && typeof max !== 'number') || typeof threshold !== 'number') return undefined;
  const set = [slope !== 0, max !== null, threshold !== 0].filter(Boolean).length;
  if (set === 0) return { id: 'relu', params: {} };
  if (set > 1) return undefined;
  if (slope !== 0) return { id: 'leaky_relu', params: { negative_slope: slope } };
  if (threshold !== 0) return { id: 'threshold', params: { threshold, value: 0 } };
  if (max === 6) return { id: 'relu6', params: {} };
  return max !== null && max > 0 ? { id: 'hardtanh', params: { min_val: 0, max_val: max } } : undefined;
}

const RECTIFIER_ARGS = new Set(['negative_slope', 'alpha', 'max_value', 'maxValue', 'threshold']);

/**
 * A whole call or constructor: name plus keyword arguments → core id and params, with the argument
 * names the core does not model (`inplace`, `dim`, …). Handles arguments that change the function,
 * not just a parameter (Keras ReLU(max_value=6) is relu6). Undefined when the name is not an
 * activation or the combination is not modelled (Keras relu with both a slope and a max_value).
 * @throws ParamError when a mapped value is invalid (negative lambd, …).
 */
export function resolveFrameworkCall(
  framework: Framework,
  name: string,
  args: Readonly<Record<string, ParamValue | null>> = {},
  opts: FrameworkNameOptions = {},
): { id: string; params: ParamValues; ignored: string[] } | undefined {
  const base = resolveFrameworkName(framework, name, opts);
  if (!base) return undefined;
  const ignored: string[] = [];
  if (base.id === 'relu' && (framework === 'keras' || framework === 'tfjs')) {
    const variant = rectifierVariant(args);
    if (!variant) return undefined;
    for (const key of Object.keys(args)) if (!RECTIFIER_ARGS.has(key)) ignored.push(key);
    const def = getActivation(variant.id);
    if (!def) throw new Error(`unknown activation '${variant.id}'`);
    return { id: variant.id, params: resolveParams(def, variant.params), ignored };
  }
  const overrides: Record<string, number | string> = { ...base.params };
  for (const [key, value] of Object.entries(args)) {
    const mapped = framework === 'hf' || value === null ? undefined : mapFrameworkParam(framework, base.id, key, value);
    if (mapped) overrides[mapped.name] = mapped.value;
    else ignored.push(key);
  }
  const def = getActivation(base.id);
  if (!def) throw new Error(`unknown activation '${base.id}'`);
  return { id: base.id, params: resolveParams(def, overrides), ignored };
}

function describeDefaults(entry: SpellingEntry): string[] {
  const def = getActivation(entry.id);
  if (!def || !entry.params) return [];
  const notes: string[] = [];
  for (const spec of def.params) {
    const v = entry.params[spec.name];
    if (v !== undefined && v !== spec.default) notes.push(`${entry.name}: default ${spec.name} = ${v} (PyTorch: ${spec.default})`);
  }
  return notes;
}

/** Per framework, how it spells activation `id` and how it differs from the core definition. For hovers. */
export function spellings(id: string): FrameworkSpellings {
  const out: FrameworkSpellings = {};
  for (const framework of Object.keys(FRAMEWORK_TABLES) as Framework[]) {
    const found = FRAMEWORK_TABLES[framework].filter((e) => e.id === id);
    if (found.length === 0) continue;
    const spelling: FrameworkSpelling = { spellings: [], notes: [] };
    for (const entry of found) {
      for (const d of entry.display ?? [entry.name]) if (!spelling.spellings.includes(d)) spelling.spellings.push(d);
      for (const note of [...describeDefaults(entry), ...(entry.note ? [entry.note] : [])]) {
        if (!spelling.notes.includes(note)) spelling.notes.push(note);
      }
    }
    out[framework] = spelling;
  }
  return out;
}
