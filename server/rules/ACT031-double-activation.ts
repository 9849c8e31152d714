// ACT031: two activations directly in a row. The second either does nothing (ReLU after ReLU) or
// squashes an already-squashed signal (sigmoid after ReLU: outputs in [0.5, 1), slope ≤ 0.25).

import type { ActivationUse, Layer } from '../model/layerStack';
import type { Rule } from './types';
import { getActivation } from '../../shared/activations';
import { appliedActivation } from './stackShape';
import { removeActivation } from './activationEdits';

const messages = {
  redundant: (second: string, first: string) =>
    `${second} directly after ${first} does nothing: it leaves every output of ${first} unchanged; remove it`,
  double: (second: string, first: string) =>
    `${second} directly after ${first}: two activations in a row squash the signal twice; keep one`,
  firstHere: () => 'the first activation',
  fixTitle: (second: string) => `Remove the redundant ${second}`,
};

/** Compositions written on purpose: softplus then tanh is the inside of Mish (x * tanh(softplus(x))). */
const DELIBERATE: ReadonlySet<string> = new Set(['softplus>tanh']);

/** Sample points for the "second leaves the first unchanged" check: a grid plus both activations' kinks. */
const GRID = Array.from({ length: 161 }, (_, i) => -20 + i * 0.25);

function paramsOf(use: ActivationUse): Record<string, number | string> | undefined {
  const def = getActivation(use.id);
  if (!def) return undefined;
  const p: Record<string, number | string> = {};
  for (const spec of def.params) p[spec.name] = spec.default;
  return { ...p, ...use.params };
}

/** True when second(first(x)) == first(x) for every x: the second activation is the identity on the first's range. */
function leavesUnchanged(first: ActivationUse, second: ActivationUse): boolean {
  const f = getActivation(first.id);
  const g = getActivation(second.id);
  const pf = paramsOf(first);
  const pg = paramsOf(second);
  if (!f || !g || !pf || !pg) return false;
  const xs = [...GRID, ...f.kinks(pf), ...f.kinks(pf).map((k) => k + 1e-9)];
  return xs.every((x) => {
    const y = f.f(x, pf);
    return Math.abs(g.f(y, pg) - y) <= 1e-12 * Math.max(1, Math.abs(y));
  });
}

export const rule = {
  code: 'ACT031',
  name: 'double-activation',
  meta: {
    docs: 'Two activations directly in a row: Dense(activation="relu") followed by Activation("relu"), ReLU then Sigmoid. A second activation that leaves the first one\'s outputs unchanged is marked unnecessary.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      for (let i = 1; i < stack.layers.length; i++) {
        const layer: Layer = stack.layers[i];
        const first = appliedActivation(stack.layers[i - 1]);
        const second = appliedActivation(layer);
        if (!first || !second || layer.kind !== 'activation' || DELIBERATE.has(`${first.id}>${second.id}`)) continue;
        const redundant = leavesUnchanged(first, second);
        const edit = redundant ? removeActivation(ctx.source, stack, layer, second) : undefined;
        ctx.report({
          message: redundant ? messages.redundant(second.spelling, first.spelling) : messages.double(second.spelling, first.spelling),
          range: second.range,
          related: [{ message: messages.firstHere(), range: first.range }],
          unnecessary: redundant || undefined,
          fix: edit ? { title: messages.fixTitle(second.spelling), edits: [edit] } : undefined,
        });
      }
    }
  },
} satisfies Rule;
