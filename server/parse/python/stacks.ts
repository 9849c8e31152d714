// From candidates to LayerStacks: keep the ones with a layer that has weights, drop those another
// kept stack already contains (a Sequential inlined into forward, a Block applied in a loop), and
// name them. A function or graph built with TensorFlow's own ops is TensorFlow's stack, not Keras'.

import type { Layer, LayerKind, LayerStack } from '../../model/layerStack';
import type { LayerFactory } from './layers';
import type { Candidate } from './values';

const WEIGHTED: ReadonlySet<LayerKind> = new Set(['linear', 'conv', 'recurrent', 'embedding', 'attention']);
// A graph is named after a variable: any model holding the same layers names them better.
const PRIORITY: Record<Candidate['kind'], number> = { class: 3, model: 2, function: 1, sequential: 0, graph: -1 };

export function finalizeStacks(candidates: Candidate[], layers: LayerFactory): LayerStack[] {
  const usable = candidates.filter((c) => c.layers.some((l) => WEIGHTED.has(l.kind)));
  const order = usable.slice().sort((a, b) => b.layers.length - a.layers.length || PRIORITY[b.kind] - PRIORITY[a.kind] || a.span.from - b.span.from);
  const kept: Candidate[] = [];
  // Kept stacks by the layers they contain, in the order kept: a container holds the candidate's first layer.
  const holding = new Map<Layer, Candidate[]>();
  const keep = (c: Candidate) => {
    kept.push(c);
    for (const l of c.layers) {
      const list = holding.get(l);
      if (!list) holding.set(l, [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    }
  };
  for (const c of order) {
    const containers = holding.get(c.layers[0])?.filter((k) => runAt(k.layers, c.layers) >= 0) ?? [];
    if (containers.length === 0) {
      keep(c);
      continue;
    }
    // Contained at a container's end: the same output, so a loss tied to it is that container's.
    const sameOutput = containers.find((k) => runAt(k.layers, c.layers) + c.layers.length === k.layers.length);
    if (sameOutput) {
      if (c.loss) sameOutput.loss ??= c.loss;
    } else if (c.loss) keep(c);
  }
  return kept
    .sort((a, b) => a.span.from - b.span.from)
    .map((c) => ({
      framework: c.framework === 'keras' && c.kind !== 'class' && c.layers.some((l) => layers.tensorflow.has(l)) ? 'tensorflow' : c.framework,
      name: c.name ?? c.fallbackName,
      range: layers.range(c.span),
      layers: c.layers,
      ...(c.loss ? { loss: c.loss } : {}),
      ...(c.layers.some((l) => l.kind === 'residual') ? { residual: true } : {}),
      ...(c.aliases.length ? { aliases: c.aliases } : {}),
    }));
}

/** Index where `run` occurs contiguously in `layers` (by identity), or -1. */
function runAt(layers: readonly Layer[], run: readonly Layer[]): number {
  if (run.length === 0 || run.length > layers.length) return -1;
  for (let i = 0; i + run.length <= layers.length; i++) {
    if (layers[i] !== run[0]) continue;
    let j = 1;
    while (j < run.length && layers[i + j] === run[j]) j++;
    if (j === run.length) return i;
  }
  return -1;
}
