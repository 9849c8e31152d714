// From models and loss-tied tensor chains to LayerStacks: keep those with a weighted layer, drop
// those another kept stack contains (a model whose output a training step feeds to its loss), and
// hand a contained stack's loss to its container when both end at the same output.

import type { Layer, LayerKind, LayerStack } from '../../model/layerStack';
import type { LossTie } from './evaluate';
import type { ModelRecord } from './values';

const WEIGHTED: ReadonlySet<LayerKind> = new Set(['linear', 'conv', 'recurrent', 'embedding', 'attention']);

/** Kept stacks: models and loss-tied chains with a weighted layer, minus those another kept one contains. */
export function finalizeStacks(models: ModelRecord[], ties: LossTie[]): LayerStack[] {
  type Candidate = { stack: LayerStack; from: number };
  const candidates: Candidate[] = [
    ...models.map((m) => ({
      from: m.from,
      stack: { framework: 'tfjs' as const, name: m.name ?? 'model', range: m.range, layers: m.layers, ...(m.loss ? { loss: m.loss } : {}), ...(m.residual ? { residual: true } : {}) },
    })),
    ...ties.map((t) => ({
      from: t.chain.model?.from ?? t.from,
      stack: {
        framework: 'tfjs' as const, name: t.chain.model?.name ?? 'model', range: t.chain.model?.range ?? t.loss.range,
        layers: t.chain.layers, loss: t.loss, ...(t.chain.residual ? { residual: true } : {}),
      },
    })),
  ].filter((c) => c.stack.layers.some((l) => WEIGHTED.has(l.kind)));
  const order = candidates.slice().sort((a, b) => b.stack.layers.length - a.stack.layers.length || Number(!!b.stack.loss) - Number(!!a.stack.loss) || a.from - b.from);
  const kept: Candidate[] = [];
  for (const c of order) {
    const container = kept.find((k) => runAt(k.stack.layers, c.stack.layers) >= 0);
    if (!container) kept.push(c);
    else if (c.stack.loss && runAt(container.stack.layers, c.stack.layers) + c.stack.layers.length === container.stack.layers.length) container.stack.loss ??= c.stack.loss;
    else if (c.stack.loss) kept.push(c);
  }
  return kept.sort((a, b) => a.from - b.from).map((c) => c.stack);
}

/** Index where `run` occurs contiguously in `layers` (by identity), or -1. */
function runAt(layers: readonly Layer[], run: readonly Layer[]): number {
  if (run.length === 0 || run.length > layers.length) return -1;
  for (let i = 0; i + run.length <= layers.length; i++) {
    let j = 0;
    while (j < run.length && layers[i + j] === run[j]) j++;
    if (j === run.length) return i;
  }
  return -1;
}
