// Questions rules ask of a layer stack: which layers transform features, which only pass them on,
// which activation the output goes through last, which ones are hidden.

import type { ActivationUse, Layer, LayerKind, LayerStack, LossUse } from '../model/layerStack';

/** Activations that leave the signal unchanged (Keras `"linear"`, `nn.Identity`): no activation at all. */
const IDENTITY_IDS = new Set(['identity', 'linear']);

/** Layers that pass features on without mixing them nonlinearly or changing what they mean. */
const PASS_THROUGH: ReadonlySet<LayerKind> = new Set(['dropout', 'normalization', 'reshape']);

const AFFINE_KINDS: ReadonlySet<LayerKind> = new Set(['linear', 'conv']);

/** The activation a layer applies to its output: not a gate, not the identity. */
export function appliedActivation(layer: Layer): ActivationUse | undefined {
  const a = layer.activation;
  if (!a || a.gating || IDENTITY_IDS.has(a.id)) return undefined;
  return a;
}

export function isAffine(layer: Layer): boolean {
  return AFFINE_KINDS.has(layer.kind);
}

/** Average pooling is linear; max pooling (and anything not known to be an average) is not. */
export function isLinearPooling(layer: Layer): boolean {
  return layer.kind === 'pooling' && /av(era)?g/i.test(layer.name);
}

export function isPassThrough(layer: Layer): boolean {
  return PASS_THROUGH.has(layer.kind);
}

/**
 * Index of the layer whose activation the stack's output passes through last, or -1 when the
 * output leaves a transforming layer (a final `Linear`, a Dense without activation) unactivated.
 */
export function outputActivationIndex(stack: LayerStack): number {
  for (let i = stack.layers.length - 1; i >= 0; i--) {
    const layer = stack.layers[i];
    if (appliedActivation(layer)) return i;
    if (!isPassThrough(layer)) return -1;
  }
  return -1;
}

/** The activation on the stack's output, with its layer. */
export function outputActivation(stack: LayerStack): { layer: Layer; activation: ActivationUse; index: number } | undefined {
  const index = outputActivationIndex(stack);
  if (index < 0) return undefined;
  const layer = stack.layers[index];
  return { layer, activation: appliedActivation(layer)!, index };
}

/** The last transforming layer of the stack when its output carries no activation (a linear head). */
export function linearHead(stack: LayerStack): Layer | undefined {
  for (let i = stack.layers.length - 1; i >= 0; i--) {
    const layer = stack.layers[i];
    if (isPassThrough(layer)) continue;
    return isAffine(layer) && !appliedActivation(layer) ? layer : undefined;
  }
  return undefined;
}

/** Output width feeding the layer at `index`: its own units when fused (Dense), else the nearest affine layer's before it. */
export function unitsInto(stack: LayerStack, index: number): { units: number; layer: Layer } | undefined {
  const own = stack.layers[index];
  if (isAffine(own)) return own.units === undefined ? undefined : { units: own.units, layer: own };
  for (let i = index - 1; i >= 0; i--) {
    const layer = stack.layers[i];
    if (isPassThrough(layer)) continue;
    if (isAffine(layer) && layer.kind === 'linear' && layer.units !== undefined) return { units: layer.units, layer };
    return undefined;
  }
  return undefined;
}

/** A stack whose gradient flows only through its layers, one after another: no skips, no recurrence, no attention. */
export function isPlainStack(stack: LayerStack): boolean {
  return !stack.residual && !stack.layers.some((l) => l.kind === 'recurrent' || l.kind === 'attention' || l.kind === 'residual');
}

/** Loss families that train a classifier. */
export const CLASSIFICATION_LOSSES: ReadonlySet<string> = new Set(['bce', 'bce-logits', 'categorical-ce', 'sparse-categorical-ce', 'nll']);
/** Loss families for one label among many classes. */
export const MULTICLASS_LOSSES: ReadonlySet<string> = new Set(['categorical-ce', 'sparse-categorical-ce']);

export function isKeras(stack: LayerStack): boolean {
  return stack.framework === 'keras' || stack.framework === 'tensorflow';
}

/** Loss families for a yes/no label (or several independent ones). */
export const BINARY_LOSSES: ReadonlySet<string> = new Set(['bce', 'bce-logits']);

/** Whether the loss applies its own sigmoid/softmax to its input. */
export function readsLogits(loss: LossUse): boolean {
  return loss.expects === 'logits' || loss.fromLogits === true;
}
