// The saturating-hidden-layer estimate shared by ACT001 (report it) and ACT002 (do not repeat it).

import type { ActivationUse, Layer, LayerStack } from '../model/layerStack';
import { appliedActivation, isPlainStack, outputActivationIndex } from './stackShape';
import { estimable } from './gradientChain';
import { stackGradient } from '../analysis/stackGradient';

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
  /** The initialisation `typical` assumes, when the estimate is init-aware. */
  init?: string;
}

/**
 * The gradient reaching the first saturating hidden layer of a plain stack, relative to the last
 * hidden activation's output, when its typical value falls below `threshold`. Init-aware through
 * every hidden layer where the stack maps onto the mean-field model (stackGradient); otherwise only
 * the saturating layers' factors enter the product, weights and other activations taken as
 * gradient-preserving. Computed only for stacks with a saturating hidden activation.
 */
export function vanishingEstimate(stack: LayerStack, threshold: number): VanishingEstimate | undefined {
  if (!isPlainStack(stack)) return undefined;
  const hidden = hiddenActivations(stack);
  const saturating = hidden.filter((h) => SATURATING_IDS.has(h.activation.id));
  if (saturating.length === 0) return undefined;
  // The whole hidden chain for the init-aware estimate; the saturating links alone for the activation-only one.
  const links = (hs: HiddenActivation[]) => hs.map((h) => ({ index: h.index, use: h.activation }));
  let chain = links(hidden.every((h) => estimable(h.activation)) ? hidden : saturating);
  let estimate = stackGradient(stack, chain);
  if (estimate && !estimate.init && chain.length !== saturating.length) {
    chain = links(saturating);
    estimate = stackGradient(stack, chain);
  }
  if (!estimate) return undefined;
  const at = saturating.map((h) => chain.findIndex((c) => c.index === h.index));
  const typical = at.map((k) => estimate.typical[k]);
  if (!(typical[0] < threshold)) return undefined;
  const result: VanishingEstimate = { layers: saturating, bound: at.map((k) => estimate.bound[k]), typical, assumptions: estimate.assumptions };
  if (estimate.init) result.init = estimate.init;
  return result;
}
