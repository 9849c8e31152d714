// ACT011: a softmax in front of a loss that applies its own (PyTorch CrossEntropyLoss, Keras
// crossentropy with from_logits=True, TensorFlow's softmax_cross_entropy_with_logits and TF1
// tf.losses.*softmax_cross_entropy, TF.js tf.losses.softmaxCrossEntropy, Caffe SoftmaxWithLoss).

import type { Rule } from './types';
import { isKeras, MULTICLASS_LOSSES, outputActivation, readsLogits, unitsInto } from './stackShape';
import { removeActivation } from './activationEdits';

const messages = {
  softmax: (loss: string, classes: number | undefined) =>
    `softmax output feeds ${loss}, which applies log_softmax itself: it reads the probabilities as logits, so the loss never falls below log(1 + (C-1)/e)${classes && classes > 1 ? ` = ${Math.log1p((classes - 1) / Math.E).toFixed(2)} for ${classes} classes` : ''} and its gradients shrink; feed the logits`,
  logSoftmax: (loss: string, logProbabilityLoss: string | undefined) =>
    `log_softmax output feeds ${loss}, which applies log_softmax itself: the second one does nothing (log_softmax is idempotent); feed the logits${logProbabilityLoss ? ` or use ${logProbabilityLoss}` : ''}`,
  kerasFromLogits: (loss: string) =>
    `softmax output feeds ${loss} with from_logits=True: the loss applies a second softmax; drop the activation or set from_logits=False`,
  lossHere: () => 'the loss that applies its own softmax',
  fixTitle: () => 'Remove the softmax (the loss takes logits)',
};

export const rule = {
  code: 'ACT011',
  name: 'softmax-before-cross-entropy',
  meta: {
    docs: 'A softmax or log_softmax whose output feeds nn.CrossEntropyLoss / F.cross_entropy or TensorFlow\'s tf.nn.(sparse_)softmax_cross_entropy_with_logits / tf.losses.(sparse_)softmax_cross_entropy, a Keras softmax output compiled with from_logits=True, or a softmax feeding TF.js tf.losses.softmaxCrossEntropy or Caffe SoftmaxWithLoss: the loss applies softmax itself, so the model should output logits.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const loss = stack.loss;
      const out = outputActivation(stack);
      if (!loss || !out || !MULTICLASS_LOSSES.has(loss.family) || !readsLogits(loss)) continue;
      const id = out.activation.id;
      let message: string;
      if (isKeras(stack) && loss.fromLogits) {
        if (id !== 'softmax') continue;
        message = messages.kerasFromLogits(loss.name);
      } else if (id === 'softmax' || (id === 'log_softmax' && (loss.framework === 'pytorch' || loss.framework === 'tensorflow'))) {
        // PyTorch CrossEntropyLoss, tf.nn.softmax_cross_entropy_with_logits, TF1 tf.losses.softmax_cross_entropy,
        // TF.js softmaxCrossEntropy, Caffe SoftmaxWithLoss: each takes log_softmax of its input.
        message = id === 'softmax' ? messages.softmax(loss.name, unitsInto(stack, out.index)?.units) : messages.logSoftmax(loss.name, loss.framework === 'pytorch' ? 'NLLLoss' : undefined);
      } else {
        continue;
      }
      const edit = removeActivation(ctx.source, out.layer, out.activation);
      ctx.report({
        message,
        range: out.activation.range,
        related: [{ message: messages.lossHere(), range: loss.range }],
        unnecessary: id === 'log_softmax' || undefined,
        fix: edit ? { title: messages.fixTitle(), edits: [edit] } : undefined,
      });
    }
  },
} satisfies Rule;
