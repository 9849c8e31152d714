// `activation-lens gradient ACT[,ACT...] [--init NAME] [--width N] [--format text|json]`: how much of
// the gradient reaching the last hidden activation arrives at each hidden layer of a plain stack at
// initialisation, from the core's bound and the init-aware mean-field estimate.
import { gradientEstimate } from '../../../shared/activations';
import { NAMED_INITS, describeInit, estimateStack, isInitName, plainStack, type ActivationItem, type InitName } from '../../../shared/activations/meanField';
import { NAME_HELP, formatParams, resolveActivationArg } from '../activationArg';
import { UsageError, closeMatches, parseCommandArgs } from '../usage';

const DEFAULT_INIT: InitName = 'torch-default';
const DEFAULT_WIDTH = 128;
// Beyond these the estimate is slow or the stack is not one anyone builds without residuals.
const MAX_LAYERS = 200;
const MAX_WIDTH = 1 << 20;

const HELP = `Usage: activation-lens gradient ACT[,ACT...] [--init NAME] [--width N] [--format text|json]

Gradient attenuation at initialisation through the plain stack
  x -> [Linear(N, N) -> ACT_1] -> ... -> [Linear(N, N) -> ACT_L] -> Linear
with x ~ N(0, 1) and equal widths N, for the gradient a random output layer passes back.

For each hidden layer i:
  bound    product of sup|f'| over activations i..L (weights ignored)
  typical  estimated ||dL/dz_i|| / ||dL/dh_L||, z_i layer i's pre-activation, h_L the last
           activation's output: mean-field propagation through the initialised weights with
           finite-width corrections, within 1.5x of PyTorch measurements at width 128
           (scripts/measure/gradients.py)

${NAME_HELP}

Options:
  --init NAME         ${Object.keys(NAMED_INITS).join(', ')} (default ${DEFAULT_INIT})
  --width N           units per layer, 2..${MAX_WIDTH} (default ${DEFAULT_WIDTH})
  --format text|json  a table with its assumptions (default), or
                      {"init", "width", "layers": [{"activation", "bound", "typical"}]}`;

function parseWidth(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 2 || n > MAX_WIDTH) throw new UsageError(`--width takes an integer from 2 to ${MAX_WIDTH}, not '${text}'`);
  return n;
}

function parseInit(text: string): InitName {
  if (isInitName(text)) return text;
  const close = closeMatches(text, Object.keys(NAMED_INITS));
  throw new UsageError(`unknown --init '${text}'${close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(', ')}?)` : ''}; one of ${Object.keys(NAMED_INITS).join(', ')}`);
}

interface Layer {
  label: string;
  item: ActivationItem;
}

function parseActivations(text: string): Layer[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError(`ACT takes activation names separated by commas, not '${text}'`);
  if (names.length > MAX_LAYERS) throw new UsageError(`at most ${MAX_LAYERS} activations, got ${names.length}`);
  return names.map((name) => {
    const { def, params } = resolveActivationArg(name, []);
    if (def.vector) throw new UsageError(`${def.id} is vector-valued: it has no per-unit slope for a hidden layer`);
    const shown = Object.keys(params).length ? `${def.id}(${formatParams(params)})` : def.id;
    return { label: shown, item: { kind: 'activation', id: def.id, params: { ...params } } };
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, {
    command: 'gradient',
    operand: 'ACT[,ACT...] list',
    options: { init: { type: 'string', default: DEFAULT_INIT }, width: { type: 'string', default: String(DEFAULT_WIDTH) } },
    help: HELP,
  });
  if (!args) return 0;
  const { values } = args;
  const init = parseInit(values.init);
  const width = parseWidth(values.width);
  const layers = parseActivations(args.operand);

  const bound = gradientEstimate(layers.map((l) => ({ id: l.item.id, params: l.item.params }))).bound;
  const estimate = estimateStack(plainStack(layers.map((l) => l.item), NAMED_INITS[init], width));
  // Item 2i is layer i's Linear, 2i+1 its activation, whose input is z_i.
  const typical = layers.map((_, i) => estimate.items[2 * i + 1].gradientRatio);

  if (args.format === 'json') {
    const out = { init, width, layers: layers.map((l, i) => ({ activation: l.item.id, bound: bound[i], typical: typical[i] })) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const rows = [['layer', 'activation', 'bound', 'typical'], ...layers.map((l, i) => [String(i + 1), l.label, bound[i].toPrecision(3), typical[i].toPrecision(3)])];
  const notes = [
    `Plain stack x -> [Linear(${width}, ${width}) -> ACT]x${layers.length} -> Linear, x ~ N(0, 1), equal widths ${width}.`,
    `Init ${init}: ${describeInit(NAMED_INITS[init])}.`,
    "bound: product of sup|f'| from the layer to the last activation, weights ignored.",
    "typical: ||dL/dz_i|| / ||dL/dh_L|| at initialisation, z_i layer i's pre-activation, h_L the last activation's output.",
    ...estimate.assumptions,
  ];
  process.stdout.write(`${table(rows)}\n\n${notes.join('\n')}\n`);
  return 0;
}
