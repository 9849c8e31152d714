// `activation-lens explain NAME [--param key=value ...] [--format text|json]`: the derived properties
// of one activation (range, monotonicity, smoothness, saturation, slope figures, cost, spellings).
import { properties } from '../../../shared/activations';
import type { ActivationDef, ActivationProperties, Framework, ParamValues, ValueRange } from '../../../shared/activations';
import { NAME_HELP, formatParams, resolveActivationArg } from '../activationArg';
import { parseCommandArgs } from '../usage';

const HELP = `Usage: activation-lens explain NAME [--param key=value ...] [--format text|json]

Properties of activation NAME, derived from its definition: range, zero-centered, monotonic, smooth
(C1), saturating tails, sup|f'| and where, E[f'(z)] and E[f'(z)^2] for z ~ N(0,1), cost class, and
how each framework spells it.

${NAME_HELP}

Options:
  --param key=value   override a parameter; repeatable
  --format text|json  readable text (default) or JSON. In JSON, range is
                      {"min", "max", "minInclusive", "maxInclusive"} with null for an infinite end.`;

/** The JSON document: core properties plus what identifies the definition. */
function describe(def: ActivationDef, params: ParamValues, p: ActivationProperties) {
  return {
    name: def.id,
    title: def.title,
    formula: def.formula,
    params,
    vectorValued: def.vector !== undefined,
    range: p.range,
    zeroCentered: p.zeroCentered,
    monotonic: p.monotonic,
    smooth: p.smooth,
    saturating: p.saturating,
    maxDerivative: p.maxDerivative,
    argMaxDerivative: p.argMaxDerivative,
    meanDerivative: p.meanDerivative,
    meanSquaredDerivative: p.meanSquaredDerivative,
    cost: p.cost,
    notes: def.notes ?? null,
    frameworks: p.frameworks,
  };
}


const FRAMEWORK_NAMES: Record<Framework, string> = {
  pytorch: 'PyTorch',
  keras: 'Keras',
  tensorflow: 'TensorFlow',
  tfjs: 'TF.js',
  hf: 'Hugging Face',
};

const SATURATION: Record<ActivationProperties['saturating'], string> = {
  both: "both tails (f' → 0 as x → ±∞)",
  negative: "negative tail (f' → 0 as x → -∞)",
  positive: "positive tail (f' → 0 as x → +∞)",
  none: 'no',
};

/** 12 significant digits: the figures are accurate to about 1e-15, their last digits are noise. */
const readable = (v: number): string => String(Number(v.toPrecision(12)));

function formatRange(r: ValueRange): string {
  const lo = r.min === null ? '(-∞' : `${r.minInclusive ? '[' : '('}${readable(r.min)}`;
  const hi = r.max === null ? '∞)' : `${readable(r.max)}${r.maxInclusive ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

function formatText(doc: ReturnType<typeof describe>): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  // An interior peak of f' is located by golden-section search, to about 1e-8.
  const where = doc.vectorValued
    ? 'where depends on the other logits'
    : doc.argMaxDerivative === null
      ? 'on an interval or only in the limit'
      : `at x ${Number(doc.argMaxDerivative.toPrecision(8)) === doc.argMaxDerivative ? '=' : '≈'} ${Number(doc.argMaxDerivative.toPrecision(8))}`;
  const mean = (v: number | null) => (v === null ? 'depends on the other logits' : readable(v));
  const lines = [
    `${doc.title} (${doc.name})${doc.vectorValued ? ', vector-valued: figures are for y_i against its own logit' : ''}`,
    `  f(x) = ${doc.formula}`,
    `  parameters: ${Object.keys(doc.params).length ? formatParams(doc.params) : 'none'}`,
    `  range: ${formatRange(doc.range)}`,
    `  zero-centered: ${yes(doc.zeroCentered)}`,
    `  monotonic: ${yes(doc.monotonic)}`,
    `  smooth (C1): ${yes(doc.smooth)}`,
    `  saturates: ${SATURATION[doc.saturating]}`,
    `  sup |f'|: ${readable(doc.maxDerivative)}, ${where}`,
    `  E[f'(z)], z ~ N(0,1): ${mean(doc.meanDerivative)}`,
    `  E[f'(z)^2]: ${mean(doc.meanSquaredDerivative)}`,
    `  cost: ${doc.cost}`,
  ];
  if (doc.notes) lines.push(`  note: ${doc.notes}`);
  for (const [framework, spelling] of Object.entries(doc.frameworks) as [Framework, NonNullable<ActivationProperties['frameworks'][Framework]>][]) {
    lines.push(`  ${FRAMEWORK_NAMES[framework]}: ${spelling.spellings.join(', ')}`);
    for (const note of spelling.notes) lines.push(`    - ${note}`);
  }
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, {
    command: 'explain',
    operand: 'NAME',
    options: { param: { type: 'string', multiple: true, default: [] } },
    help: HELP,
  });
  if (!args) return 0;

  const { def, params } = resolveActivationArg(args.operand, args.values.param);
  const doc = describe(def, params, properties(def.id, { ...params }));
  process.stdout.write(args.format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : formatText(doc));
  return 0;
}
