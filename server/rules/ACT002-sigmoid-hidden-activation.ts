// ACT002: sigmoid as a hidden activation of a feed-forward stack: its outputs are all positive (not
// zero-centred) and its slope is at most 0.25, so tanh or ReLU usually train faster.

import type { Rule } from './types';
import { properties } from '../../shared/activations';
import { hiddenActivations, vanishingEstimate } from './saturation';
import { ruleEnabled } from './selection';

const messages = {
  hiddenSigmoid: (spelling: string, maxSlope: number) =>
    `${spelling} as a hidden activation: its outputs are all positive (not zero-centred) and its slope is at most ${maxSlope}, so gradients shrink at every such layer; tanh or ReLU usually train faster`,
};

export const rule = {
  code: 'ACT002',
  name: 'sigmoid-hidden-activation',
  meta: {
    docs: 'A sigmoid used as the activation of a hidden layer in a feed-forward stack. Gates and output layers are not reported, nor layers ACT001 already reports.',
    severity: 'information',
    fixable: false,
  },
  messages,
  check(ctx) {
    const maxSlope = properties('sigmoid').maxDerivative;
    const act001 = ruleEnabled('ACT001', ctx.settings);
    for (const stack of ctx.model.stacks) {
      if (stack.layers.some((l) => l.kind === 'recurrent' || l.kind === 'attention')) continue;
      const reported = act001 ? vanishingEstimate(stack, ctx.settings.act001Threshold)?.layers.map((h) => h.layer) : undefined;
      for (const { layer, activation } of hiddenActivations(stack)) {
        if (activation.id !== 'sigmoid' || reported?.includes(layer)) continue;
        ctx.report({ message: messages.hiddenSigmoid(activation.spelling, maxSlope), range: activation.range });
      }
    }
  },
} satisfies Rule;
