// ACT001: a plain stack of saturating hidden activations whose derivative factors multiply to a
// vanishing gradient at the first of them (three sigmoids: ≈ 0.9% of the output's).

import type { Rule } from './types';
import { nonSaturatingSuggestion } from './activationSwap';
import { vanishingEstimate } from './saturation';

/** A ratio as a percentage with two significant digits (one below 1%): 0.00882 → "0.9%". */
export function percent(ratio: number): string {
  const p = ratio * 100;
  return `${Number(p.toPrecision(p >= 1 ? 2 : 1))}%`;
}

const messages = {
  vanishing: (count: number, kinds: string, typical: number, bound: number, init?: string) =>
    `${count} ${kinds} hidden layer${count === 1 ? '' : 's'}: typical gradient at the first ≈ ${percent(typical)} of the output's${init ? ` under ${init}` : ''} (bound ${percent(bound)})`,
  layerHere: (position: number, count: number, id: string, typical: number, bound: number) =>
    `${id} ${position} of ${count}: typical gradient here ≈ ${percent(typical)} of the output's (bound ${percent(bound)})`,
};

export const rule = {
  code: 'ACT001',
  name: 'saturating-hidden-stack',
  meta: {
    docs: 'Saturating hidden activations (sigmoid, tanh, hardsigmoid, hardtanh, softsign, logsigmoid) stacked in one plain feed-forward stack, where the product of their derivatives leaves the first of them a small fraction of the output\'s gradient.',
    severity: 'warning',
    fixable: false,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      const est = vanishingEstimate(stack, ctx.settings.act001Threshold);
      if (!est) continue;
      const ids = [...new Set(est.layers.map((h) => h.activation.id))];
      const count = est.layers.length;
      ctx.report({
        message: messages.vanishing(count, ids.length === 1 ? ids[0] : `saturating (${ids.join(', ')})`, est.typical[0], est.bound[0], est.init),
        // On the first saturating activation, where the gradient vanishes; each of them is related information.
        range: est.layers[0].activation.range,
        related: est.layers.map((h, i) => ({
          message: messages.layerHere(i + 1, count, h.activation.id, est.typical[i], est.bound[i]),
          range: h.activation.range,
        })),
        suggestion: nonSaturatingSuggestion(ctx, est.layers.map((h) => h.activation)),
      });
    }
  },
} satisfies Rule;
