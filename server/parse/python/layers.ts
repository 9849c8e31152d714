// One Layer object per construction site and configuration, so that a layer built once and
// applied in several places (a Block in a loop, a Sequential inlined into forward) is the same
// object in every chain: chains then compare by identity, and stacks can be de-duplicated.

import type { ActivationUse, Layer, LayerKind, Range } from '../../model/layerStack';
import type { Span } from './ast';
import type { LineIndex } from './positions';

export interface LayerFields {
  units?: number;
  inFeatures?: number;
  kernelSize?: number[];
  activation?: ActivationUse;
  activationArgRange?: Range;
}

const NO_FIELDS: LayerFields = {};

export class LayerFactory {
  private readonly made = new Map<object, Layer[]>();
  /** Layers TensorFlow's own ops build (`tf.layers.dense`, `tf.matmul`, `tf.nn.conv2d`): their stacks are TensorFlow's, not Keras'. */
  readonly tensorflow = new WeakSet<Layer>();

  constructor(private readonly lines: LineIndex) {}

  /** The layer built at `site` (a syntax node) with these fields. */
  at(site: object, span: Span, kind: LayerKind, name: string, fields: LayerFields = NO_FIELDS): Layer {
    let list = this.made.get(site);
    if (!list) this.made.set(site, (list = []));
    for (const l of list) {
      if (l.kind === kind && l.name === name && l.units === fields.units && l.inFeatures === fields.inFeatures && l.activation === fields.activation
        && String(l.kernelSize) === String(fields.kernelSize)) return l;
    }
    const layer: Layer = { kind, name, range: this.lines.range(span.from, span.to) };
    if (fields.activation) layer.activation = fields.activation;
    if (fields.units !== undefined) layer.units = fields.units;
    if (fields.inFeatures !== undefined) layer.inFeatures = fields.inFeatures;
    if (fields.kernelSize) layer.kernelSize = fields.kernelSize;
    if (fields.activationArgRange) layer.activationArgRange = fields.activationArgRange;
    list.push(layer);
    return layer;
  }

  /** Every layer built at `site`, for what later passes record on them (initialisers). */
  madeAt(site: object): readonly Layer[] {
    return this.made.get(site) ?? [];
  }

  range(span: Span): Range {
    return this.lines.range(span.from, span.to);
  }
}
