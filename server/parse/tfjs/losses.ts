// TF.js losses and what they read, checked against tensorflow/tfjs:
// - `model.compile({loss: '...'})` names (tfjs-layers/src/losses.ts `lossesMap`): binaryCrossentropy
//   clips the output to [ε, 1-ε] and takes log(p / (1 - p)) before a sigmoid crossentropy;
//   categoricalCrossentropy divides the output by its sum; sparseCategoricalCrossentropy clips and
//   calls it. All three read probabilities and have no fromLogits option in compile.
// - `tf.losses.*` (tfjs-core/src/ops/losses): sigmoidCrossEntropy(labels, logits) and
//   softmaxCrossEntropy(onehotLabels, logits) read logits; logLoss(labels, predictions) reads
//   probabilities; the rest are regression or margin losses.
// - `tf.metrics.*Crossentropy` passed as a loss are the layers functions above: probabilities.

import type { LossInput } from '../../model/layerStack';

export interface LossSpec { family: string; expects: LossInput }

const probabilities = (family: string): LossSpec => ({ family, expects: 'probabilities' });
const any = (family: string): LossSpec => ({ family, expects: 'any' });

/** Names `compile` accepts as strings, and `tf.metrics` functions of the same name. */
const COMPILE_LOSSES: Readonly<Record<string, LossSpec>> = {
  binaryCrossentropy: probabilities('bce'),
  categoricalCrossentropy: probabilities('categorical-ce'),
  sparseCategoricalCrossentropy: probabilities('sparse-categorical-ce'),
  kullbackLeiblerDivergence: probabilities('kl-div'),
  meanSquaredError: any('mse'),
  meanAbsoluteError: any('mae'),
  meanAbsolutePercentageError: any('mape'),
  meanSquaredLogarithmicError: any('msle'),
  squaredHinge: any('hinge'),
  hinge: any('hinge'),
  categoricalHinge: any('hinge'),
  logcosh: any('logcosh'),
  poisson: any('poisson'),
  cosineProximity: any('cosine'),
};

/** `tf.losses.*` functions of tfjs-core. */
const CORE_LOSSES: Readonly<Record<string, LossSpec>> = {
  sigmoidCrossEntropy: { family: 'bce-logits', expects: 'logits' },
  softmaxCrossEntropy: { family: 'categorical-ce', expects: 'logits' },
  logLoss: probabilities('bce'),
  meanSquaredError: any('mse'),
  absoluteDifference: any('mae'),
  huberLoss: any('huber'),
  hingeLoss: any('hinge'),
  cosineDistance: any('cosine'),
};

/** A loss name as `compile` takes it (`'binaryCrossentropy'`). */
export function tfjsLossSpec(name: string): LossSpec | undefined {
  return Object.hasOwn(COMPILE_LOSSES, name) ? COMPILE_LOSSES[name] : undefined;
}

/** A loss function by namespace: `tf.losses.softmaxCrossEntropy`, `tf.metrics.binaryCrossentropy`. */
export function tfjsLossFunction(namespace: 'losses' | 'metrics', name: string): LossSpec | undefined {
  const table = namespace === 'losses' ? CORE_LOSSES : COMPILE_LOSSES;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
