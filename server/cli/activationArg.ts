// The NAME and --param arguments shared by `eval` and `explain`: lookup with close-match hints,
// parameter parsing, and validation through the core (errors become usage errors, exit code 2).
import { ParamError, activationNames, getActivation, lookupActivation, resolveParams } from '../../shared/activations';
import type { ActivationDef, ParamValues } from '../../shared/activations';
import { UsageError, closeMatches } from './usage';

export const NAME_HELP = `NAME is a core id (leaky_relu), a PyTorch name (LeakyReLU), or a framework name, which brings that
framework's defaults: keras2.hard_sigmoid, keras3.hard_sigmoid, tfjs.hardSigmoid, keras.LeakyReLU,
tf.nn.leaky_relu, quick_gelu, gelu_new, swish, linear.`;

function didYouMean(name: string, candidates: Iterable<string>): string {
  const close = closeMatches(name, candidates);
  return close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(', ')}?)` : '';
}

/** `key=value`; numeric text becomes a number, anything else (approximate=tanh) stays a string. */
function parseParam(arg: string): [string, number | string] {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`--param takes key=value, not '${arg}'`);
  const [key, text] = [arg.slice(0, eq).trim(), arg.slice(eq + 1).trim()];
  const n = Number(text);
  return [key, text !== '' && Number.isFinite(n) ? n : text];
}

/** Resolves NAME and --param overrides, or throws a UsageError naming the culprit with close matches. */
export function resolveActivationArg(name: string, paramArgs: readonly string[]): { def: ActivationDef; params: ParamValues } {
  const found = lookupActivation(name);
  if (!found) throw new UsageError(`unknown activation '${name}'${didYouMean(name, activationNames())}`);
  const def = getActivation(found.id);
  if (!def) throw new Error(`lookup returned unregistered activation '${found.id}'`);
  const overrides: Record<string, number | string> = { ...found.params };
  for (const arg of paramArgs) {
    const [key, value] = parseParam(arg);
    overrides[key] = value;
  }
  try {
    return { def, params: resolveParams(def, overrides) };
  } catch (err) {
    if (!(err instanceof ParamError)) throw err;
    const unknown = err.param !== undefined && !def.params.some((s) => s.name === err.param);
    throw new UsageError(err.message + (unknown && err.param ? didYouMean(err.param, def.params.map((s) => s.name)) : ''));
  }
}

/** `--at -1,2` would read -1,2 as an option: glue a dash-leading value to its option first. */
export function glueNegativeValues(argv: readonly string[], options: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (options.includes(argv[i]) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** "key=value, …" for display. */
export function formatParams(params: ParamValues): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
}
