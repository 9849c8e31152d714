// ACT010: a PyTorch sigmoid feeding BCELoss (BCEWithLogitsLoss does both stably), or a Keras sigmoid
// output whose loss applies a sigmoid of its own (from_logits=True).

import type { Rule } from './types';
import { BINARY_LOSSES, isKeras, outputActivation, readsLogits } from './stackShape';
import { removeActivation, renameInRange } from './activationEdits';

const messages = {
  pytorch: (loss: string) =>
    `sigmoid output feeds ${loss}: use BCEWithLogitsLoss on the logits (numerically stable; BCELoss clamps log(p) at -100, so a saturated sigmoid gets no gradient)`,
  kerasFromLogits: (loss: string) =>
    `sigmoid output feeds ${loss} with from_logits=True: the loss applies a second sigmoid; drop the activation or set from_logits=False`,
  lossHere: () => 'the loss that expects probabilities',
  lossFromLogitsHere: () => 'the loss that applies its own sigmoid',
  fixTitle: () => 'Remove the sigmoid and use the with-logits loss',
  fixTitleKeras: () => 'Remove the sigmoid activation (the loss takes logits)',
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
    docs: 'A sigmoid whose output feeds BCELoss / F.binary_cross_entropy: BCEWithLogitsLoss on the logits computes the same loss stably. In Keras, a sigmoid output compiled with from_logits=True applies the sigmoid twice.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const loss = stack.loss;
      const out = outputActivation(stack);
      if (!loss || !out || out.activation.id !== 'sigmoid' || !BINARY_LOSSES.has(loss.family)) continue;
      if (isKeras(stack)) {
        if (!readsLogits(loss)) continue;
        const edit = removeActivation(ctx.source, stack, out.layer, out.activation);
        ctx.report({
          message: messages.kerasFromLogits(loss.name),
          range: out.activation.range,
          related: [{ message: messages.lossFromLogitsHere(), range: loss.range }],
          fix: edit ? { title: messages.fixTitleKeras(), edits: [edit] } : undefined,
        });
        continue;
      }
      if (stack.framework !== 'pytorch' || readsLogits(loss)) continue;
      const removal = removeActivation(ctx.source, stack, out.layer, out.activation);
      const swap = WITH_LOGITS.map(([pattern, name]) => renameInRange(ctx.source, loss.range, pattern, name)).find((e) => e);
      const edits = removal && swap && [removal, swap];
      ctx.report({
        message: messages.pytorch(loss.name),
        range: out.activation.range,
        related: [{ message: messages.lossHere(), range: loss.range }],
        fix: edits ? { title: messages.fixTitle(), edits } : undefined,
      });
    }
  },
} satisfies Rule;
