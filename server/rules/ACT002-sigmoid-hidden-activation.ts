// ACT002: sigmoid as a hidden activation of a feed-forward stack: its outputs are all positive (not
// zero-centred) and its slope is at most 0.25, so tanh or ReLU usually train faster.

import type { Rule } from './types';
import { properties } from '../../shared/activations';
import { nonSaturatingSuggestion } from './activationSwap';
import { hiddenActivations, vanishingEstimate } from './saturation';
import { ruleEnabled } from './selection';
import { isPlainStack } from './stackShape';

const messages = {
  hiddenSigmoid: (spelling: string, maxSlope: number, meanSlope: number | null) =>
    `${spelling} as a hidden activation: its outputs are all positive (not zero-centred) and its slope is at most ${Number(maxSlope.toPrecision(3))}${meanSlope === null ? '' : ` (${meanSlope.toPrecision(2)} on average for N(0,1) inputs)`}, so gradients shrink at every such layer; tanh or ReLU usually train faster`,
};

export const rule = {
  code: 'ACT002',
  name: 'sigmoid-hidden-activation',
  meta: {
    docs: 'A sigmoid used as the activation of a hidden layer in a plain feed-forward stack. Gates, output layers, residual and recurrent stacks are not reported, nor layers ACT001 already reports.',
    severity: 'information',
    fixable: false,
  },
  messages,
  check(ctx) {
    const sigmoid = properties('sigmoid');
    const act001 = ruleEnabled('ACT001', ctx.settings);
    for (const stack of ctx.model.stacks) {
      if (!isPlainStack(stack)) continue;
      const sigmoids = hiddenActivations(stack).filter((h) => h.activation.id === 'sigmoid');
      if (sigmoids.length === 0) continue;
      const reported = act001 ? vanishingEstimate(stack, ctx.settings.act001Threshold)?.layers.map((h) => h.layer) : undefined;
      for (const { layer, activation } of sigmoids) {
        if (reported?.includes(layer)) continue;
        ctx.report({
          message: messages.hiddenSigmoid(activation.spelling, sigmoid.maxDerivative, sigmoid.meanDerivative),
          range: activation.range,
          suggestion: nonSaturatingSuggestion(ctx, [activation]),
        });
      }
    }
  },
} satisfies Rule;
