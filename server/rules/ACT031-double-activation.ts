// ACT031: two activations directly in a row. The second either does nothing (ReLU after ReLU) or
// squashes an already-squashed signal (sigmoid after ReLU: outputs in [0.5, 1), slope ≤ 0.25).

import type { ActivationUse, Layer } from '../model/layerStack';
import type { Rule } from './types';
import { getActivation, resolveParams, type ActivationDef, type ParamValues } from '../../shared/activations';
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

/**
 * Sample points for the "second leaves the first unchanged" check: a fine grid around 0 and large
 * magnitudes (so a clip at 50 is not mistaken for the identity); the first's kinks are added per pair.
 */
const GRID = [...Array.from({ length: 161 }, (_, i) => -20 + i * 0.25), -1e6, -1e3, -100, 100, 1e3, 1e6];

/** Parameters as resolved by the core, or undefined when some are not literals or not valid. */
function paramsOf(use: ActivationUse, def: ActivationDef): ParamValues | undefined {
  if (use.unknownParams?.length) return undefined;
  try {
    return resolveParams(def, { ...use.params });
  } catch {
    return undefined;
  }
}

/** True when second(first(x)) == first(x) for every x: the second activation is the identity on the first's range. */
function leavesUnchanged(first: ActivationUse, second: ActivationUse): boolean {
  const f = getActivation(first.id);
  const g = getActivation(second.id);
  if (!f || !g || f.vector || g.vector) return false;
  const pf = paramsOf(first, f);
  const pg = paramsOf(second, g);
  if (!pf || !pg) return false;
  const kinks = f.kinks(pf);
  return [...GRID, ...kinks, ...kinks.map((k) => k + 1e-9)].every((x) => {
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
        const edit = redundant ? removeActivation(ctx.source, layer, second) : undefined;
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
