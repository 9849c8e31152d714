// Loss spellings → LossUse: PyTorch loss modules and functions, Keras loss classes, functions and
// strings, TensorFlow's *_cross_entropy_with_logits, TF1 tf.losses and crossentropies written
// with tf.log. `expects` says what the loss reads:
// PyTorch decides by the name (BCELoss: probabilities, BCEWithLogitsLoss: logits); Keras by
// `from_logits` (absent or False: probabilities).

import type { LossInput, LossUse } from '../../model/layerStack';
import type { CallExpr, Expr, Span, StrExpr } from './ast';
import { literal, type UseContext } from './activationUses';
import { frameworkOf, type Canonical } from './catalog';

interface LossSpec { family: string; expects: LossInput }

const bce = { family: 'bce', expects: 'probabilities' } as const;
const bceLogits = { family: 'bce-logits', expects: 'logits' } as const;
const ceLogits = { family: 'categorical-ce', expects: 'logits' } as const;
const nll = { family: 'nll', expects: 'log-probabilities' } as const;
const mse = { family: 'mse', expects: 'any' } as const;
const mae = { family: 'mae', expects: 'any' } as const;
const huber = { family: 'huber', expects: 'any' } as const;

const TORCH_MODULES: Readonly<Record<string, LossSpec>> = {
  BCELoss: bce, BCEWithLogitsLoss: bceLogits, MultiLabelSoftMarginLoss: bceLogits, CrossEntropyLoss: ceLogits, NLLLoss: nll,
  MSELoss: mse, L1Loss: mae, SmoothL1Loss: huber, HuberLoss: huber, KLDivLoss: { family: 'kl-div', expects: 'log-probabilities' },
};

const TORCH_FUNCTIONS: Readonly<Record<string, LossSpec>> = {
  binary_cross_entropy: bce, binary_cross_entropy_with_logits: bceLogits, multilabel_soft_margin_loss: bceLogits,
  cross_entropy: ceLogits, nll_loss: nll, mse_loss: mse, l1_loss: mae, smooth_l1_loss: huber, huber_loss: huber,
  kl_div: { family: 'kl-div', expects: 'log-probabilities' },
};

/** Keras families; crossentropies read probabilities unless from_logits=True. */
export const KERAS_FAMILIES: Readonly<Record<string, string>> = {
  BinaryCrossentropy: 'bce', BinaryFocalCrossentropy: 'bce', binary_crossentropy: 'bce', bce: 'bce', binary_focal_crossentropy: 'bce',
  CategoricalCrossentropy: 'categorical-ce', CategoricalFocalCrossentropy: 'categorical-ce', categorical_crossentropy: 'categorical-ce',
  categorical_focal_crossentropy: 'categorical-ce',
  SparseCategoricalCrossentropy: 'sparse-categorical-ce', sparse_categorical_crossentropy: 'sparse-categorical-ce',
  MeanSquaredError: 'mse', mean_squared_error: 'mse', mse: 'mse', MSE: 'mse',
  MeanAbsoluteError: 'mae', mean_absolute_error: 'mae', mae: 'mae', MAE: 'mae',
  Huber: 'huber', huber: 'huber', huber_loss: 'huber',
  KLDivergence: 'kl-div', kl_divergence: 'kl-div', kld: 'kl-div', KLD: 'kl-div', kullback_leibler_divergence: 'kl-div',
};

const CROSSENTROPY_FAMILIES = new Set(['bce', 'categorical-ce', 'sparse-categorical-ce']);

const sparseLogits = { family: 'sparse-categorical-ce', expects: 'logits' } as const;

const TF_WITH_LOGITS: Readonly<Record<string, LossSpec>> = {
  sigmoid_cross_entropy_with_logits: bceLogits,
  softmax_cross_entropy_with_logits: ceLogits, softmax_cross_entropy_with_logits_v2: ceLogits,
  sparse_softmax_cross_entropy_with_logits: sparseLogits,
};

/**
 * TF1 `tf.losses` (`tf.compat.v1.losses`), checked against the r1.15 API docs: the three
 * crossentropies take `logits` (and apply their own sigmoid/softmax); `log_loss(labels,
 * predictions)` takes probabilities and computes -y log(p + eps) - (1 - y) log(1 - p + eps).
 */
const TF1_LOSSES: Readonly<Record<string, LossSpec>> = {
  softmax_cross_entropy: ceLogits, sparse_softmax_cross_entropy: sparseLogits, sigmoid_cross_entropy: bceLogits,
  log_loss: bce, absolute_difference: mae,
};

function use(ctx: UseContext, name: string, spec: LossSpec, c: Canonical | 'keras', at: Span, fromLogits?: boolean): LossUse {
  return {
    name, family: spec.family, expects: spec.expects, framework: c === 'keras' ? 'keras' : frameworkOf(c.ns),
    range: ctx.lines.range(at.from, at.to), ...(fromLogits !== undefined ? { fromLogits } : {}),
  };
}

/** What a Keras crossentropy reads given its `from_logits` argument (undefined: not a literal). */
export function kerasSpec(family: string, fromLogits: boolean | undefined, written: boolean): LossSpec {
  if (!CROSSENTROPY_FAMILIES.has(family)) return { family, expects: family === 'kl-div' ? 'probabilities' : 'any' };
  if (written && fromLogits === undefined) return { family, expects: 'any' };
  return { family, expects: fromLogits ? 'logits' : 'probabilities' };
}

/** `nn.BCELoss()`, `F.cross_entropy(out, y)`, `keras.losses.BinaryCrossentropy(from_logits=True)`, `tf.nn.sigmoid_cross_entropy_with_logits(...)`. */
export function callLoss(ctx: UseContext, call: CallExpr, c: Canonical): LossUse | undefined {
  const name = ctx.text.slice(call.callee.from, call.callee.to);
  if (c.ns === 'torch.nn' && c.name in TORCH_MODULES) return use(ctx, name, TORCH_MODULES[c.name], c, call);
  if (c.ns === 'F' && c.name in TORCH_FUNCTIONS) return use(ctx, name, TORCH_FUNCTIONS[c.name], c, call);
  if (c.ns === 'tf.nn' && c.name in TF_WITH_LOGITS) return use(ctx, name, TF_WITH_LOGITS[c.name], c, call);
  if (c.ns === 'tf.losses' && c.name in TF1_LOSSES) return use(ctx, name, TF1_LOSSES[c.name], c, call);
  if (c.ns !== 'keras.losses' || !(c.name in KERAS_FAMILIES)) return undefined;
  // Classes take from_logits first; functions take (y_true, y_pred, from_logits).
  const isClass = /^[A-Z]/.test(c.name) && c.name !== c.name.toUpperCase();
  const arg = call.args.find((a) => a.name === 'from_logits') ?? call.args.filter((a) => !a.name)[isClass ? 0 : 2];
  const value = arg ? literal(arg.value) : undefined;
  const fromLogits = typeof value === 'boolean' ? value : undefined;
  return use(ctx, name, kerasSpec(KERAS_FAMILIES[c.name], fromLogits, arg !== undefined), c, call, fromLogits);
}

/** `loss="binary_crossentropy"` in compile. */
export function stringLoss(ctx: UseContext, str: StrExpr): LossUse | undefined {
  const family = KERAS_FAMILIES[str.value];
  if (!family || /^[A-Z][a-z]/.test(str.value)) return undefined;
  return use(ctx, ctx.text.slice(str.from, str.to), kerasSpec(family, undefined, false), 'keras', str);
}

/**
 * A crossentropy written out with `tf.log`/`tf.math.log`: the log of probabilities times the labels
 * (`-tf.reduce_sum(y * tf.log(p))`), one use per log call, which reads probabilities. `binary`: the
 * expression also takes the log of one minus the output (`y log p + (1 - y) log(1 - p)`).
 */
export function logCrossEntropyUse(ctx: UseContext, log: CallExpr, binary: boolean): LossUse {
  return use(ctx, ctx.text.slice(log.callee.from, log.callee.to), { family: binary ? 'bce' : 'categorical-ce', expects: 'probabilities' }, { ns: 'tf', name: 'log' }, log);
}

/** A loss function passed uncalled: `loss=keras.losses.binary_crossentropy`, `criterion = F.binary_cross_entropy`. */
export function callableLoss(ctx: UseContext, e: Expr, c: Canonical): LossUse | undefined {
  const name = ctx.text.slice(e.from, e.to);
  if (c.ns === 'F' && c.name in TORCH_FUNCTIONS) return use(ctx, name, TORCH_FUNCTIONS[c.name], c, e);
  if (c.ns !== 'keras.losses' || !(c.name in KERAS_FAMILIES) || /^[A-Z][a-z]/.test(c.name)) return undefined;
  return use(ctx, name, kerasSpec(KERAS_FAMILIES[c.name], undefined, false), c, e);
}

/** Whether a loss's input expectation is known: a Keras crossentropy with a computed from_logits is not. */
export function expectationKnown(loss: LossUse): boolean {
  return !(CROSSENTROPY_FAMILIES.has(loss.family) && loss.expects === 'any');
}
