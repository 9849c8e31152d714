// Turns one stack of the server's `activationLens/stacks` answer into what the gradient-flow view
// draws: one point per layer that has an estimate, in forward order.

import type { StackInfo } from '../protocol';
import { LIMITS, type GradientFlow } from '../webviewMessages';

/** Keeps text within the message limits (the webview rejects longer strings). */
function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function gradientFlowOf(stack: StackInfo, uri: string, fileName: string): GradientFlow {
  const { layerIndex, bound, typical, assumptions } = stack.gradient;
  const valid = (v: number | undefined) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const order = layerIndex.map((index, k) => ({ index, k })).sort((a, b) => a.index - b.index);
  const layers = order.slice(0, LIMITS.layers).flatMap(({ index, k }) => {
    const layer = stack.layers[index];
    // Skip entries the stack cannot place and estimates that are not factors: a plot of them would lie.
    if (!layer || !valid(bound[k]) || !valid(typical[k])) return [];
    return [{
      name: clip(layer.name, 200),
      line: layer.range.start.line,
      ...(layer.activation ? { activation: layer.activation.id } : {}),
      bound: bound[k],
      typical: typical[k],
    }];
  });
  return { uri, fileName: clip(fileName, 500), stackName: clip(stack.name, 200), layers, assumptions: clip(assumptions, LIMITS.text) };
}
