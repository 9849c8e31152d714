// The saturating-hidden-layer estimate shared by ACT001 (report it) and ACT002 (do not repeat it).

import type { ActivationUse, Layer, LayerStack } from '../model/layerStack';
import { appliedActivation, isPlainStack, outputActivationIndex } from './stackShape';
import { estimateChain } from './gradientChain';

/** Activations whose derivative tends to 0 in both tails (or one, for logsigmoid): they shrink gradients wherever they saturate. */
const SATURATING_IDS: ReadonlySet<string> = new Set(['sigmoid', 'tanh', 'hardsigmoid', 'hardtanh', 'softsign', 'logsigmoid', 'keras2.hard_sigmoid']);

export interface HiddenActivation { layer: Layer; activation: ActivationUse; index: number }

/** Non-gating activations of the stack's hidden layers (every activation but the one on the output). */
export function hiddenActivations(stack: LayerStack): HiddenActivation[] {
  const output = outputActivationIndex(stack);
  const out: HiddenActivation[] = [];
  stack.layers.forEach((layer, index) => {
    const activation = appliedActivation(layer);
    if (activation && index !== output) out.push({ layer, activation, index });
  });
  return out;
}

export interface VanishingEstimate {
  /** The saturating hidden layers, input side first. */
  layers: HiddenActivation[];
  /** Per saturating layer, the product of the derivative factors from it to the last one. */
  bound: number[];
  typical: number[];
  assumptions: string;
}

/**
 * The gradient reaching the first saturating hidden layer of a plain stack, relative to the output's,
 * when its typical value falls below `threshold`. Only the saturating layers' factors enter the
 * product: weights and other activations are taken as gradient-preserving, as their initialisation intends.
 */
export function vanishingEstimate(stack: LayerStack, threshold: number): VanishingEstimate | undefined {
  if (!isPlainStack(stack)) return undefined;
  const layers = hiddenActivations(stack).filter((h) => SATURATING_IDS.has(h.activation.id));
  const estimate = estimateChain(layers.map((h) => h.activation));
  if (!estimate || !(estimate.typical[0] < threshold)) return undefined;
  return { layers, bound: estimate.bound, typical: estimate.typical, assumptions: estimate.assumptions };
}
