// Operations on flows: applying layers, joining branches, and what the arithmetic operators mean
// for data flowing through a model (skip connections, gates, matrix products).

import type { Layer } from '../../model/layerStack';
import { Chain, flow, solid, type Flow, type Value } from './values';

/** The chain data continues from: a flow's own, or a fresh one for a tensor from outside the model. */
export function chainOf(data: Value): Chain {
  return data.t === 'flow' ? solid(data) : Chain.start('external');
}

/** Applies `layers` to `data`; a list of tensors (a Keras layer called on `[q, v]`) is merged first. */
export function applyLayers(data: Value, layers: readonly Layer[], join: () => Layer): Flow {
  let chain = data.t === 'list' ? mergeChains(data.list.items.map((i) => i.value), join) : chainOf(data);
  for (const l of layers) chain = chain.then(l);
  return flow(chain);
}

/**
 * Several tensors meeting (`torch.cat`, `q @ k`, a layer called on a list). One flow stays itself;
 * flows that branch off a common chain continue from it through `join` (an opaque step: the
 * branches' own layers are not on one path); flows with nothing in common start a new chain.
 */
export function mergeChains(values: Value[], join: () => Layer): Chain {
  const flows = values.filter((v): v is Flow => v.t === 'flow');
  if (flows.length === 0) return Chain.start('external');
  const first = flows[0];
  if (flows.every((f) => f.chain === first.chain && !f.uncertain)) return first.chain;
  let common: Chain | undefined = first.chain;
  for (const f of flows.slice(1)) common = common?.common(f.chain);
  return common ? common.then(join()) : Chain.start('join');
}

/**
 * `a + b` of two flows. When one is a prefix of the other (`x + f(x)`, `out += identity`, also when
 * the identity side is uncertain after `if downsample: identity = downsample(x)`), it is a skip
 * connection: the longer branch continues through `residual`. Otherwise the branches join.
 */
export function addFlows(a: Flow, b: Flow, residual: () => Layer, join: () => Layer): Flow {
  if (a.chain === b.chain && !a.uncertain && !b.uncertain) return flow(a.chain);
  for (const [short, long] of [[a, b], [b, a]] as const) {
    if (!long.uncertain && long.chain.extends(short.chain)) return flow(long.chain.then(residual()));
  }
  return flow(mergeChains([a, b], join));
}

/**
 * `a * b` of two flows. A gate (the output of a gating activation) scales the other flow, which
 * continues through `gated` (an opaque step: the product is not a layer activation, but it is
 * not nothing either). Two plain flows, or two gates, join.
 */
export function multiplyFlows(a: Flow, b: Flow, gated: () => Layer): Flow {
  if (a.gate !== b.gate) return flow(solid(a.gate ? b : a).then(gated()));
  return flow(product(a, b, gated));
}

/** A product of two flows (`a * b`, `q @ k`), even of a flow with itself: their common chain through `join`. */
export function product(a: Flow, b: Flow, join: () => Layer): Chain {
  const common = a.chain.common(b.chain);
  return common ? common.then(join()) : Chain.start('matmul');
}
