// Hover Markdown for activations and losses, composed from facts the analysis already computed.
// Pure: no protocol types. Formulas and values sit in code spans so the text reads the same in
// editors that show Markdown as plain text.

import type { ActivationProperties, CostClass, Framework as CoreFramework, Saturation, ValueRange } from '../../shared/activations/types';
import type { ActivationUse, Framework, LossUse } from '../model/layerStack';

export interface ActivationHoverFacts {
  use: Pick<ActivationUse, 'spelling' | 'form' | 'framework' | 'gating'>;
  title: string;
  formula: string;
  /** Parameters that differ from the defaults, as `name=value`. */
  changedParams: string[];
  /** Parameters written as expressions, as `name=default`: the figures assume the default. */
  assumedParams?: string[];
  /** Undefined when the parameters are invalid; `paramProblem` then says why. */
  properties?: ActivationProperties;
  paramProblem?: string;
  /** What PyTorch does at kinks or in the tails that a reader may not expect. */
  notes?: string;
  placement?: LayerPlacement;
  /** A `command:` URI that plots this activation, when the editor can run it. */
  plotCommand?: string;
}

export interface LayerPlacement {
  stackName: string;
  /**
   * 1-based position among the stack's hidden activation layers; absent for the output layer.
   * `count`: how many of them this one spelling is (a loop, a config key every block reads), when more than one.
   */
  hidden?: { index: number; of: number; count?: number };
  /** Gradient magnitude at this layer's input (its own slope included), relative to 1 at the stack's output. */
  /** `init`: the initialisation `typical` assumes, when the estimate is init-aware. */
  gradient?: { typical: number; bound: number; assumptions: string; init?: string };
}

const FRAMEWORK_LABEL: Record<Framework | CoreFramework, string> = {
  pytorch: 'PyTorch',
  keras: 'Keras',
  tensorflow: 'TensorFlow',
  tfjs: 'TF.js',
  hf: 'Hugging Face config',
  config: 'config file',
};

const FORM_LABEL: Record<ActivationUse['form'], string> = {
  module: 'module',
  functional: 'function call',
  method: 'tensor method',
  string: 'activation string',
  callable: 'activation callable',
};

const COST_LABEL: Record<CostClass, string> = {
  transcendental: 'transcendental (exp, tanh or erf per element)',
  algebraic: 'algebraic (multiplications and divisions only)',
  'piecewise-linear': 'cheap (compare and select)',
};

const SATURATION_LABEL: Record<Saturation, string> = {
  both: "Saturates in both tails: f' → 0 as |x| grows",
  negative: "Saturates for negative inputs: f' → 0 as x → -∞",
  positive: "Saturates for positive inputs: f' → 0 as x → +∞",
  none: 'Does not saturate',
};

/** Short numbers: up to 3 significant digits, scientific notation below 1e-3 and above 1e4. */
export function formatNumber(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  if (v === 0 || Number.isNaN(v)) return String(v);
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e4) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

export function formatRange(r: ValueRange): string {
  const lo = r.min === null ? '(-∞' : `${r.minInclusive ? '[' : '('}${formatNumber(r.min)}`;
  const hi = r.max === null ? '∞)' : `${formatNumber(r.max)}${r.maxInclusive ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

/** Free text from the core (notes, assumptions) shown as Markdown: its `*`, `_` and brackets are literal. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

function shapeLine(p: ActivationProperties): string {
  const parts = [p.monotonic ? 'monotonic' : 'not monotonic', p.smooth ? 'smooth' : 'not smooth (kinks or jumps)'];
  return parts.join(', ').replace(/^./, (c) => c.toUpperCase());
}

function maxDerivativeLine(p: ActivationProperties): string {
  const where = p.argMaxDerivative === null ? ' (on an interval or in the limit)' : ` at \`x = ${formatNumber(p.argMaxDerivative)}\``;
  return `Max derivative \`${formatNumber(p.maxDerivative)}\`${where}`;
}

function otherFrameworks(facts: ActivationHoverFacts, p: ActivationProperties): string[] {
  const lines: string[] = [];
  for (const [fw, spelling] of Object.entries(p.frameworks)) {
    if (!spelling || fw === facts.use.framework) continue;
    const names = spelling.spellings.map((s) => `\`${s}\``).join(', ');
    lines.push(`- ${FRAMEWORK_LABEL[fw as CoreFramework] ?? fw}: ${names || '(no built-in)'}`);
    for (const note of spelling.notes) lines.push(`  - ${escapeMarkdown(note)}`);
  }
  return lines;
}

const GELU_TANH = '0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))';
const NOT_ERF = 'not the exact erf GELU (at most 4.7e-4 from it, near |x| = 2.7)';

/**
 * What Hugging Face's ACT2FN (transformers/activations.py) runs for a config name, where the
 * core's note for the activation would not say it: four names run GELU's tanh approximation.
 */
const HF_ACT2FN_NOTES: Readonly<Record<string, string>> = {
  gelu_new: `Hugging Face NewGELUActivation: the tanh approximation ${GELU_TANH} (Google BERT, OpenAI GPT-2), ${NOT_ERF}.`,
  gelu_pytorch_tanh: `Hugging Face PytorchGELUTanh: nn.functional.gelu(x, approximate='tanh'), PyTorch's kernel for the tanh approximation ${GELU_TANH}; equals gelu_new up to rounding, ${NOT_ERF}.`,
  gelu_accurate: `Hugging Face AccurateGELUActivation: the tanh approximation ${GELU_TANH} with sqrt(2/pi) precomputed, as gelu_new; ${NOT_ERF}.`,
  gelu_fast: `Hugging Face FastGELUActivation: the tanh approximation written 0.5 * x * (1 + tanh(0.7978845608 * x * (1 + 0.044715 * x^2))), sqrt(2/pi) truncated; ${NOT_ERF}.`,
  'gated-gelu': `T5's "gated-gelu" runs gelu_new (kept for backwards compatibility): the tanh approximation ${GELU_TANH}, gating a second projection; ${NOT_ERF}.`,
  swish: 'Hugging Face maps swish to nn.SiLU: x * sigmoid(x).',
};

/** The Hugging Face note for a config activation spelled `"gelu_new"`, if its name has one. */
export function hfActivationNote(spelling: string): string | undefined {
  const name = /^"(.*)"$/.exec(spelling)?.[1];
  return name === undefined ? undefined : HF_ACT2FN_NOTES[name];
}

/** Where the activation sits; a config key (`hidden_act`) is one setting for every transformer block. */
function whereLine(placement: LayerPlacement, config: boolean): string {
  const h = placement.hidden;
  if (!h) return 'output layer';
  if (!h.count) return `hidden layer ${h.index} of ${h.of}`;
  if (h.count < h.of) return `${h.count} of ${h.of} hidden layers, the first of them layer ${h.index}`;
  return config ? `every block: this setting applies to all ${h.of} blocks` : `every hidden layer: this code applies it in all ${h.of}`;
}

function placementLines(placement: LayerPlacement, config: boolean): string[] {
  const lines = [`**In \`${placement.stackName}\`:** ${whereLine(placement, config)}`];
  const g = placement.gradient;
  if (g) {
    lines.push(
      '',
      `**Gradient at ${placement.hidden?.count ? 'the first of these layers\'' : 'this layer\'s'} input**, relative to the output: typical \`${formatNumber(g.typical)}\`${g.init ? ` under ${escapeMarkdown(g.init)}` : ''}, bound \`${formatNumber(g.bound)}\``,
      '',
      `Assumes: ${escapeMarkdown(g.assumptions)}`,
    );
  }
  return lines;
}

/**
 * The spelling's own framework defaults where they differ from PyTorch's (`tf.nn.leaky_relu`:
 * `default negative_slope = 0.2 (PyTorch: 0.01)`): the other frameworks' list leaves its own out.
 */
function ownDefaults(facts: ActivationHoverFacts, p: ActivationProperties): string[] {
  const name = facts.use.spelling.replace(/^["']|["']$/g, '').split('.').pop() ?? '';
  const prefix = `${name}: default `;
  const notes = p.frameworks[facts.use.framework as CoreFramework]?.notes ?? [];
  return notes.filter((n) => n.startsWith(prefix)).map((n) => n.slice(name.length + 2));
}

function propertyLines(facts: ActivationHoverFacts, p: ActivationProperties): string[] {
  const lines = [
    `Range \`${formatRange(p.range)}\`, ${p.zeroCentered ? 'zero-centred' : 'not zero-centred'}`,
    shapeLine(p),
    maxDerivativeLine(p),
    SATURATION_LABEL[p.saturating],
    `Cost: ${COST_LABEL[p.cost]}`,
  ];
  if (facts.changedParams.length) lines.push(`Parameters: ${facts.changedParams.map((s) => `\`${s}\``).join(', ')}`);
  for (const d of ownDefaults(facts, p)) lines.push(`${FRAMEWORK_LABEL[facts.use.framework as CoreFramework]} ${escapeMarkdown(d)}`);
  if (facts.assumedParams?.length) lines.push(`Not literal, default assumed: ${facts.assumedParams.map((s) => `\`${s}\``).join(', ')}`);
  return lines.map((l) => `- ${l}`);
}

export function activationHover(facts: ActivationHoverFacts): string {
  const { use, properties: p } = facts;
  const header = `**${facts.title}** · \`${use.spelling}\` (${FRAMEWORK_LABEL[use.framework]} ${FORM_LABEL[use.form]})`;
  const out = [header, '', `\`${facts.formula}\``, ''];
  if (use.gating) out.push('_Used as a gate (it multiplies another tensor), not as a layer activation._', '');
  if (!p) {
    out.push(`Invalid parameters: ${facts.paramProblem ?? 'rejected by the definition'}`);
    return out.join('\n');
  }
  out.push(...propertyLines(facts, p), '');
  if (facts.notes) out.push(`Note: ${escapeMarkdown(facts.notes)}`, '');
  if (facts.placement) out.push(...placementLines(facts.placement, use.framework === 'config'), '');
  const others = otherFrameworks(facts, p);
  if (others.length) out.push('**Other frameworks**', '', ...others, '');
  if (facts.plotCommand) out.push(`[Plot](${facts.plotCommand})`, '');
  return out.join('\n').trimEnd();
}

const EXPECTS: Record<LossUse['expects'], string> = {
  logits: 'Expects **logits** (raw scores): put no sigmoid or softmax before it; it applies one internally, in a numerically stable way.',
  probabilities: 'Expects **probabilities**: the output of a sigmoid (binary) or a softmax (categorical).',
  'log-probabilities': 'Expects **log-probabilities**: the output of `log_softmax`.',
  any: 'Takes any real values: it assumes no output activation.',
};

/** PyTorch's BCELoss after a sigmoid: the float32 failure (observed with torch; the threshold is checked in the tests). */
const PYTORCH_BCE_ADVICE =
  'Numerically fragile after a separate sigmoid: in float32 `sigmoid(x)` rounds to exactly `1` for `x` above about `16.6`, ' +
  'where `BCELoss` clamps the loss at `100` and a confidently wrong prediction gets a gradient of exactly `0`. ' +
  'Prefer `nn.BCEWithLogitsLoss` (or `F.binary_cross_entropy_with_logits`) on the logits and drop the sigmoid.';

const KERAS_PROBABILITIES_ADVICE =
  'With `from_logits=True` and no output activation the loss is computed from the logits, which is numerically stable.';

/** TF1 `tf.losses.log_loss` and crossentropies written with `tf.log` have no from_logits: the with-logits losses are the stable form. */
const TENSORFLOW_PROBABILITIES_ADVICE =
  'On logits, `tf.nn.sigmoid_cross_entropy_with_logits` / `tf.nn.softmax_cross_entropy_with_logits` compute the same loss in a numerically stable way; drop the output activation to use them.';

export function lossHover(loss: LossUse): string {
  const out = [`**Loss** · \`${loss.name}\` (${FRAMEWORK_LABEL[loss.framework]})`, '', EXPECTS[loss.expects]];
  if (loss.framework === 'pytorch' && loss.family === 'bce') out.push('', PYTORCH_BCE_ADVICE);
  else if (loss.framework === 'keras' && loss.expects === 'probabilities') out.push('', KERAS_PROBABILITIES_ADVICE);
  else if (loss.framework === 'tensorflow' && loss.expects === 'probabilities') out.push('', TENSORFLOW_PROBABILITIES_ADVICE);
  return out.join('\n');
}
