// ACT030: an output activation that contradicts the output's shape or the loss: softmax over one
// unit (constant 1.0), also the one a softmax crossentropy applies to a one-unit linear head;
// sigmoid into a multi-class crossentropy; ReLU on a classifier's logits.

import type { Rule } from './types';
import { CLASSIFICATION_LOSSES, linearHead, MULTICLASS_LOSSES, outputActivation, readsLogits, unitsInto } from './stackShape';

const messages = {
  softmaxOneUnit: (spelling: string, layer: string, value: string) =>
    `${spelling} over the single output unit of ${layer} is always ${value}: the output is constant and no gradient reaches the model; use sigmoid for one unit, or output one unit per class`,
  softmaxLossOneUnit: (loss: string, layer: string) =>
    `${loss} applies a softmax over the single output unit of ${layer}: it is always 1.0, so the loss is always 0 and no gradient reaches the model; use a sigmoid crossentropy for one unit, or output one unit per class`,
  sigmoidMulticlass: (loss: string) =>
    `sigmoid output feeds ${loss}, a multi-class loss that treats the outputs as one distribution over the classes, while sigmoid scores each class on its own; use softmax (or logits, if the loss takes them), or a binary crossentropy for multi-label targets`,
  reluLogits: (spelling: string, loss: string) =>
    `${spelling} on the logits of a classifier trained with ${loss}: scores cannot go below 0, and a class whose score is cut to 0 gets no gradient; output the raw logits`,
  unitsHere: () => 'the one-unit layer',
  lossHere: () => 'the loss',
};

const SOFTMAX_IDS = new Set(['softmax', 'log_softmax']);
const RELU_IDS = new Set(['relu', 'relu6']);

/** Softmax axes that run over a Linear/Dense output's units: the last one (or PyTorch's implicit choice for 2-D input). */
function overUnits(dim: number | string | undefined): boolean {
  return dim === undefined || dim === -1 || dim === 1;
}

export const rule = {
  code: 'ACT030',
  name: 'output-activation-mismatch',
  meta: {
    docs: 'An output activation that contradicts the output or the loss: softmax on a one-unit output (always 1.0), or a softmax crossentropy on logits over one unit; sigmoid into a multi-class crossentropy; ReLU (explicit, or tf.contrib.layers\' default activation_fn) on the logits of a classifier.',
    severity: 'warning',
    fixable: false,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const out = outputActivation(stack);
      const loss = stack.loss;
      const head = out ? undefined : linearHead(stack);
      if (head?.units === 1 && loss && MULTICLASS_LOSSES.has(loss.family) && readsLogits(loss)) {
        // The loss's own softmax over one logit: `tf.nn.softmax_cross_entropy_with_logits` on a Dense(1).
        ctx.report({ message: messages.softmaxLossOneUnit(loss.name, head.name), range: loss.range, related: [{ message: messages.unitsHere(), range: head.range }] });
      }
      if (!out) continue;
      const { activation, index } = out;
      if (SOFTMAX_IDS.has(activation.id) && overUnits(activation.dim)) {
        const width = unitsInto(stack, index);
        if (width?.units === 1) {
          ctx.report({
            message: messages.softmaxOneUnit(activation.spelling, width.layer.name, activation.id === 'softmax' ? '1.0' : '0.0'),
            range: activation.range,
            related: width.layer === out.layer ? undefined : [{ message: messages.unitsHere(), range: width.layer.range }],
          });
        }
      } else if (activation.id === 'sigmoid' && loss && MULTICLASS_LOSSES.has(loss.family)) {
        ctx.report({ message: messages.sigmoidMulticlass(loss.name), range: activation.range, related: [{ message: messages.lossHere(), range: loss.range }] });
      } else if (RELU_IDS.has(activation.id) && loss && CLASSIFICATION_LOSSES.has(loss.family)) {
        ctx.report({ message: messages.reluLogits(activation.spelling, loss.name), range: activation.range, related: [{ message: messages.lossHere(), range: loss.range }] });
      }
    }
  },
} satisfies Rule;
