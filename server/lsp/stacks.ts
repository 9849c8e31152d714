// Layer stacks with their gradient estimates, for the `activationLens/stacks` request, code lenses
// and hovers. The estimate runs through the activations each layer applies (gates and identities
// excluded), as the CLI's `stacks` command computes it.

import { gradientEstimate } from '../../shared/activations';
import type { StackGradient, StackInfo } from '../../shared/protocol';
import type { DocumentModel, LayerStack } from '../model/layerStack';
import { appliedActivation } from '../rules/stackShape';

const NO_GRADIENT: StackGradient = { layerIndex: [], bound: [], typical: [], assumptions: '' };

function stackGradient(stack: LayerStack): StackGradient {
  const chain = stack.layers.flatMap((layer, index) => {
    const use = appliedActivation(layer);
    return use ? [{ index, id: use.id, params: use.params }] : [];
  });
  if (chain.length === 0) return NO_GRADIENT;
  const { bound, typical, assumptions } = gradientEstimate(chain.map(({ id, params }) => ({ id, params })));
  return { layerIndex: chain.map((c) => c.index), bound, typical, assumptions };
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
