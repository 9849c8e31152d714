// Layer stacks with their (init-aware where the stack allows) gradient estimates, for the `activationLens/stacks` request, code lenses
// and hovers. The estimate runs through the activations each layer applies (gates and identities
// excluded). A softmax-like output has no per-unit slope: the estimate starts below it. When any
// other activation cannot be estimated (non-literal or invalid parameters), the stack gets none.

import { getActivation } from '../../shared/activations';
import type { StackGradient, StackInfo } from '../../shared/protocol';
import type { DocumentModel, LayerStack } from '../model/layerStack';
import { stackGradient as estimateStackGradient } from '../analysis/stackGradient';
import { appliedActivation } from '../rules/stackShape';

const NO_GRADIENT: StackGradient = { layerIndex: [], bound: [], typical: [], assumptions: '' };

function stackGradient(stack: LayerStack): StackGradient {
  const chain = stack.layers.flatMap((layer, index) => {
    const use = appliedActivation(layer);
    return use ? [{ index, use }] : [];
  });
  const last = chain[chain.length - 1];
  if (last && getActivation(last.use.id)?.vector) chain.pop();
  const estimate = estimateStackGradient(stack, chain);
  if (!estimate) return NO_GRADIENT;
  const gradient: StackGradient = { layerIndex: chain.map((c) => c.index), bound: estimate.bound, typical: estimate.typical, assumptions: estimate.assumptions };
  if (estimate.init) gradient.init = estimate.init;
  return gradient;
}

// Hovers and code lenses ask for the same model's stacks repeatedly; the model is immutable once built.
const cache = new WeakMap<DocumentModel, StackInfo[]>();

export function stackInfos(model: DocumentModel): StackInfo[] {
  let infos = cache.get(model);
  if (!infos) {
    infos = model.stacks.map((stack) => ({ ...stack, gradient: stackGradient(stack) }));
    cache.set(model, infos);
  }
  return infos;
}
