// Gradient-decay estimate through a plain stack of element-wise activations. The init-aware
// mean-field estimate lives elsewhere; this one only multiplies per-activation slope figures.
import { properties } from './properties';

const ASSUMPTIONS =
  'bound multiplies sup|f\'| of every activation from that layer to the output (weights ignored); ' +
  "typical multiplies E[f'(z)] with each pre-activation z ~ N(0,1), independent across layers, " +
  'ignoring weights, normalisation and residual connections.';

/**
 * Gradient-decay estimate over a sequence of hidden activations in forward order.
 * bound[i] = Π_{j>=i} sup|f_j'|; typical[i] = Π_{j>=i} E[f_j'(z)], z ~ N(0,1): cumulative from the
 * output back to layer i. `assumptions` states them in one sentence, to show next to the figures.
 * @throws RangeError for unknown ids, invalid params, or vector-valued activations (softmax), whose
 *   slope depends on the other logits.
 */
export function gradientEstimate(
  layers: readonly { id: string; params?: Record<string, number | string> }[],
): { bound: number[]; typical: number[]; assumptions: string } {
  const bound = new Array<number>(layers.length);
  const typical = new Array<number>(layers.length);
  let b = 1;
  let t = 1;
  for (let i = layers.length - 1; i >= 0; i--) {
    const { id, params } = layers[i];
    const p = properties(id, params);
    // meanDerivative is null exactly for vector-valued activations.
    if (p.meanDerivative === null) throw new RangeError(`${id} is vector-valued: it has no per-unit slope for a gradient estimate`);
    b *= p.maxDerivative;
    t *= p.meanDerivative;
    bound[i] = b;
    typical[i] = t;
  }
  return { bound, typical, assumptions: ASSUMPTIONS };
}
