// `tf.layers.*(config)` → layer values. One Layer object per construction site, so a layer added
// in a loop or a function evaluated twice is the same object in every chain (stacks that contain
// one another are then recognised by identity).

import type { SyntaxNode } from '@lezer/common';
import type { Layer, LayerKind } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { TFJS_ACTIVATION_LAYERS, TFJS_LAYERS, TFJS_MERGES, TFJS_WRAPPERS } from './catalog';
import { configInit } from './initializers';
import { callArguments, literal, objectProperties, parts, unwrap, type Source } from './syntax';
import type { Uses } from './uses';
import type { Value } from './values';

export class LayerFactory {
  private readonly made = new Map<number, Value>();

  constructor(private readonly src: Source, private readonly lines: LineIndex, private readonly uses: Uses) {}

  private layer(kind: LayerKind, name: string, node: SyntaxNode, fields: Partial<Layer> = {}): Layer {
    return { kind, name, range: this.lines.range(node.from, node.to), ...fields };
  }

  /** The value of `tf.layers.<name>(...)` at `call`; `wrapped` reads a `{layer: ...}` wrapper's inner layer. */
  at(call: SyntaxNode, name: string, wrapped: (node: SyntaxNode) => Value): Value {
    const known = this.made.get(call.from);
    if (known) return known;
    const value = this.build(call, name, wrapped);
    this.made.set(call.from, value);
    return value;
  }

  private build(call: SyntaxNode, name: string, wrapped: (node: SyntaxNode) => Value): Value {
    const callee = this.src.of(call.firstChild!);
    const config = objectProperties(this.src, callArguments(call)[0]);
    if (name === 'input' || name === 'inputLayer') return { t: 'layer', layers: [] };
    if (name === 'activation') {
      const value = config.get('activation')?.value;
      const use = value && this.uses.string(unwrap(value));
      if (use?.id === 'identity') return { t: 'layer', layers: [] };
      return { t: 'layer', layers: [use ? this.layer('activation', callee, call, { activation: use }) : this.layer('unknown', callee, call)] };
    }
    if (TFJS_ACTIVATION_LAYERS.has(name)) {
      const use = this.uses.layer(call, name);
      return { t: 'layer', layers: [use ? this.layer('activation', callee, call, { activation: use }) : this.layer('unknown', callee, call)] };
    }
    const merge = TFJS_MERGES[name];
    if (merge) return { t: 'layer', layers: [this.layer(merge === 'add' ? 'residual' : 'unknown', callee, call)], merge };
    if (TFJS_WRAPPERS.has(name)) {
      const inner = config.get('layer')?.value;
      const value = inner ? wrapped(inner) : undefined;
      const kind: LayerKind = name === 'bidirectional' ? 'recurrent' : 'unknown';
      if (value?.t !== 'layer' || value.layers.length === 0) return { t: 'layer', layers: [this.layer(kind, callee, call)] };
      return { t: 'layer', layers: value.layers.map((l) => ({ ...l, name: `${callee}(${l.name})`, kind: name === 'bidirectional' ? 'recurrent' : l.kind })) };
    }
    const spec = TFJS_LAYERS[name];
    if (!spec) return { t: 'layer', layers: [this.layer('unknown', callee, call)] };
    const unitsNode = spec.units ? config.get(spec.units)?.value : undefined;
    const units = unitsNode && literal(this.src, unitsNode);
    const actNode = spec.fusedActivation ? config.get('activation')?.value : undefined;
    const use = actNode && this.uses.string(unwrap(actNode));
    const init = configInit(this.src, this.lines, config);
    const kernelSize = spec.kernelDims ? this.kernelSize(config.get('kernelSize')?.value, spec.kernelDims) : undefined;
    const main = this.layer(spec.kind, callee, call, {
      ...(typeof units === 'number' ? { units } : {}),
      ...(kernelSize ? { kernelSize } : {}),
      ...(use ? { activation: use } : {}),
      ...(init ? { init } : {}),
    });
    // An activation that is not a modelled string (a variable, a custom name) still ends linear runs.
    const opaque = actNode && !use ? [this.layer('unknown', this.src.of(actNode), actNode)] : [];
    return { t: 'layer', layers: [main, ...opaque] };
  }

  /** `kernelSize: 3` or `kernelSize: [3, 3]`, one positive integer per spatial dimension. */
  private kernelSize(node: SyntaxNode | undefined, dims: number): number[] | undefined {
    if (!node) return undefined;
    const e = unwrap(node);
    const sizes = e.name === 'ArrayExpression' ? parts(e).map((p) => literal(this.src, p)) : Array<unknown>(dims).fill(literal(this.src, e));
    return sizes.length === dims && sizes.every((k) => typeof k === 'number' && Number.isInteger(k) && k > 0) ? (sizes as number[]) : undefined;
  }
}
