// ACT010: a PyTorch sigmoid feeding BCELoss (BCEWithLogitsLoss does both, stably), or a sigmoid
// feeding a loss that applies a sigmoid of its own (BCEWithLogitsLoss, Keras from_logits=True).

import type { Rule } from './types';
import { BINARY_LOSSES, outputActivation, readsLogits } from './stackShape';
import { removeActivation, renameInRange } from './activationEdits';

const messages = {
  probabilities: (loss: string, withLogits: string) =>
    `sigmoid output feeds ${loss}: use ${withLogits} on the logits (numerically stable; BCELoss clamps log(p) at -100, so a saturated sigmoid gets no gradient)`,
  doubleSigmoid: (loss: string) =>
    `sigmoid output feeds ${loss}, which applies its own sigmoid: the model's outputs are squashed twice; drop the activation`,
  lossHere: () => 'the loss that expects probabilities',
  logitsLossHere: () => 'the loss that applies its own sigmoid',
  fixTitle: (withLogits: string) => `Remove the sigmoid and use ${withLogits}`,
  fixTitleDouble: () => 'Remove the sigmoid (the loss takes logits)',
};

/** PyTorch spellings of the probability-input BCE and their logits counterparts. */
const WITH_LOGITS: [RegExp, string][] = [
  [/\bBCELoss\b/, 'BCEWithLogitsLoss'],
  [/\bbinary_cross_entropy\b(?!_)/, 'binary_cross_entropy_with_logits'],
];

export const rule = {
  code: 'ACT010',
  name: 'sigmoid-before-bce',
  meta: {
    docs: 'A PyTorch sigmoid whose output feeds BCELoss / F.binary_cross_entropy: BCEWithLogitsLoss on the logits computes the same loss stably. Also a sigmoid whose output feeds a loss that applies its own sigmoid (BCEWithLogitsLoss, Keras from_logits=True).',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const loss = stack.loss;
      const out = outputActivation(stack);
      if (!loss || !out || out.activation.id !== 'sigmoid' || !BINARY_LOSSES.has(loss.family)) continue;
      const removal = removeActivation(ctx.source, out.layer, out.activation);
      if (readsLogits(loss)) {
        ctx.report({
          message: messages.doubleSigmoid(loss.name),
          range: out.activation.range,
          related: [{ message: messages.logitsLossHere(), range: loss.range }],
          fix: removal ? { title: messages.fixTitleDouble(), edits: [removal] } : undefined,
        });
      } else if (stack.framework === 'pytorch') {
        // Keras recovers the logits from a sigmoid output by itself, and TF.js's binaryCrossentropy
        // (which has no fromLogits) converts the clipped probabilities back to logits: only PyTorch needs the swap.
        const swap = WITH_LOGITS.map(([pattern, name]) => ({ name, edit: renameInRange(ctx.source, loss.range, pattern, name) }))
          .find((s) => s.edit);
        const withLogits = swap?.name ?? (loss.family === 'bce' && /\bF\.|functional/.test(loss.name) ? 'F.binary_cross_entropy_with_logits' : 'BCEWithLogitsLoss');
        ctx.report({
          message: messages.probabilities(loss.name, withLogits),
          range: out.activation.range,
          related: [{ message: messages.lossHere(), range: loss.range }],
          fix: removal && swap?.edit ? { title: messages.fixTitle(withLogits), edits: [removal, swap.edit] } : undefined,
        });
      }
    }
  },
} satisfies Rule;
