// ACT012: logits fed to a loss that reads probabilities (Keras crossentropy without
// from_logits=True, TF1 tf.losses.log_loss, a crossentropy written with tf.log, TF.js compile
// crossentropies, which have no from_logits option), or probabilities fed to a loss that reads
// log-probabilities (PyTorch NLLLoss).

import type { Rule } from './types';
import { BINARY_LOSSES, isKeras, linearHead, MULTICLASS_LOSSES, outputActivation, readsLogits } from './stackShape';
import { renameInRange } from './activationEdits';

const messages = {
  keras: (layer: string, loss: string, fromLogits: boolean | undefined) =>
    `${layer} has no activation, so the model outputs logits, but ${loss} reads probabilities (from_logits ${fromLogits === false ? 'is False' : 'not set'}): pass from_logits=True`,
  tfjs: (layer: string, loss: string, activation: string, logitsLoss: string | undefined) =>
    `${layer} has no activation, so the model outputs logits, but ${loss} reads probabilities (TF.js has no fromLogits option): add activation: '${activation}' to ${layer}${logitsLoss ? `, or train on the logits with ${logitsLoss}` : ''}`,
  tensorflow: (layer: string, loss: string, activation: string, logitsLoss: string) =>
    `${layer} has no activation, so the model outputs logits, but ${loss} reads probabilities: apply tf.nn.${activation} to the output, or train on the logits with ${logitsLoss}`,
  nll: (loss: string) =>
    `softmax output feeds ${loss}, which expects log-probabilities: it takes -input[target], so it optimises -p instead of -log p; use log_softmax`,
  lossHere: () => 'the loss',
  fixTitle: () => 'Use log_softmax',
};

/** Softmax spellings and their log-softmax counterparts, module and function. */
const TO_LOG_SOFTMAX: [RegExp, string][] = [
  [/\bSoftmax\b/, 'LogSoftmax'],
  [/\bsoftmax\b/, 'log_softmax'],
];

/** A TensorFlow loss as a message names it: a crossentropy written out with `tf.log` is spelled by its log. */
function tensorflowLossName(name: string): string {
  return /\blog$/.test(name) ? `the crossentropy written with ${name}` : name;
}

export const rule = {
  code: 'ACT012',
  name: 'logits-without-from-logits',
  meta: {
    docs: 'A Keras, TensorFlow or TF.js model whose last layer has no activation, trained with a crossentropy that reads probabilities (Keras: from_logits absent or False; TF1 tf.losses.log_loss; a crossentropy written with tf.log; TF.js compile losses always read probabilities); or a PyTorch softmax output fed to NLLLoss, which expects log-probabilities.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const loss = stack.loss;
      if (!loss) continue;
      if (isKeras(stack) || stack.framework === 'tfjs') {
        const head = linearHead(stack);
        const binary = BINARY_LOSSES.has(loss.family);
        if (!head || !(binary || MULTICLASS_LOSSES.has(loss.family)) || readsLogits(loss)) continue;
        ctx.report({
          message: stack.framework === 'tfjs'
            ? messages.tfjs(head.name, loss.name, binary ? 'sigmoid' : 'softmax', binary ? 'tf.losses.sigmoidCrossEntropy' : loss.family === 'categorical-ce' ? 'tf.losses.softmaxCrossEntropy' : undefined)
            : loss.framework === 'tensorflow'
              ? messages.tensorflow(head.name, tensorflowLossName(loss.name), binary ? 'sigmoid' : 'softmax', binary ? 'tf.nn.sigmoid_cross_entropy_with_logits' : 'tf.nn.softmax_cross_entropy_with_logits')
              : messages.keras(head.name, loss.name, loss.fromLogits),
          range: head.range,
          related: [{ message: messages.lossHere(), range: loss.range }],
        });
        continue;
      }
      const out = outputActivation(stack);
      if (stack.framework !== 'pytorch' || loss.family !== 'nll' || out?.activation.id !== 'softmax') continue;
      const edit = TO_LOG_SOFTMAX.map(([pattern, name]) => renameInRange(ctx.source, out.activation.range, pattern, name)).find((e) => e);
      ctx.report({
        message: messages.nll(loss.name),
        range: out.activation.range,
        related: [{ message: messages.lossHere(), range: loss.range }],
        fix: edit ? { title: messages.fixTitle(), edits: [edit] } : undefined,
      });
    }
  },
} satisfies Rule;
