// Activation and loss uses of a TF.js source, one per syntax node: activation strings
// (`activation: 'relu'`), activation layers (`tf.layers.leakyReLU({alpha: 0.1})`), ops
// (`tf.sigmoid(x)`) and tensor methods (`x.sigmoid()`); compile loss names, `tf.losses.*`
// functions and calls. The activation core resolves names and maps arguments to parameters.

import type { SyntaxNode } from '@lezer/common';
import type { ActivationForm, ActivationUse, LossUse } from '../../model/layerStack';
import { mapFrameworkParam, resolveFrameworkCall } from '../../../shared/activations';
import type { SpellingKind } from '../../../shared/activations';
import type { LineIndex } from '../python/positions';
import { TFJS_OPS } from './catalog';
import { tfjsLossFunction, tfjsLossSpec } from './losses';
import { callArguments, literal, objectProperties, parts, type Literal, type Source } from './syntax';

/** Parameters the core never models: the layer's name, its shapes, its dtype. */
const NOT_PARAMS = new Set(['name', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'trainable', 'weights', 'inputDType']);

export class Uses {
  readonly activations = new Map<SyntaxNode['from'], ActivationUse>();
  readonly losses = new Map<SyntaxNode['from'], LossUse>();

  constructor(private readonly src: Source, private readonly lines: LineIndex) {}

  private remember(node: SyntaxNode, make: () => ActivationUse | undefined): ActivationUse | undefined {
    const key = node.from * 4 + (node.name === 'CallExpression' ? 1 : 0);
    if (this.activations.has(key)) return this.activations.get(key);
    const made = make();
    if (made) this.activations.set(key, made);
    return made;
  }

  private build(name: string, kind: SpellingKind, args: Record<string, SyntaxNode>, form: ActivationForm, spelling: string, from: number, to: number): ActivationUse | undefined {
    const literals: Record<string, Literal> = {};
    const unknown: string[] = [];
    let dim: number | string | undefined;
    for (const [key, node] of Object.entries(args)) {
      if (NOT_PARAMS.has(key)) continue;
      const value = literal(this.src, node);
      if (key === 'dim' || key === 'axis') dim = typeof value === 'number' ? value : this.src.of(node);
      else if (value === undefined) unknown.push(key);
      else literals[key] = value;
    }
    let resolved;
    try {
      resolved = resolveFrameworkCall('tfjs', name, literals, { kind });
    } catch {
      // A value the core rejects: still this activation, at its defaults.
      resolved = resolveFrameworkCall('tfjs', name, {}, { kind });
      if (resolved) unknown.push(...Object.keys(literals));
    }
    if (!resolved) return undefined;
    const id = resolved.id;
    const modelled = unknown.flatMap((p) => {
      const mapped = [0, 'none', false].map((probe) => mapFrameworkParam('tfjs', id, p, probe)).find((m) => m !== undefined);
      return mapped ? [mapped.name] : [];
    });
    return {
      id, params: resolved.params, spelling, form, framework: 'tfjs', range: this.lines.range(from, to),
      ...(dim !== undefined ? { dim } : {}), ...(modelled.length ? { unknownParams: modelled } : {}),
    };
  }

  /** `activation: 'relu'` in a layer config; `node` is the string literal. */
  string(node: SyntaxNode): ActivationUse | undefined {
    return this.remember(node, () => {
      const name = literal(this.src, node);
      return typeof name === 'string' ? this.build(name, 'string', {}, 'string', this.src.of(node), node.from, node.to) : undefined;
    });
  }

  /** `tf.layers.leakyReLU({alpha: 0.1})`: `name` is the factory (`leakyReLU`). */
  layer(call: SyntaxNode, name: string): ActivationUse | undefined {
    return this.remember(call, () => {
      const config = objectProperties(this.src, callArguments(call)[0]);
      const args = Object.fromEntries([...config].map(([k, v]) => [k, v.value]));
      const callee = call.firstChild!;
      return this.build(name, 'layer', args, 'module', this.src.of(callee), call.from, call.to);
    });
  }

  /** `tf.leakyRelu(x, 0.1)`: the op's input, then its positional parameters. */
  op(call: SyntaxNode, name: string): ActivationUse | undefined {
    return this.remember(call, () => {
      const positional = TFJS_OPS[name]?.params ?? [];
      const args = Object.fromEntries(callArguments(call).slice(1).flatMap((a, i) => (positional[i] ? [[positional[i], a]] : [])));
      return this.build(name, 'functional', args, 'functional', this.src.of(call.firstChild!), call.from, call.to);
    });
  }

  /** `logits.sigmoid()`: range from the method name to the end of the call. Numeric arguments only. */
  method(call: SyntaxNode, name: string): ActivationUse | undefined {
    const callee = call.firstChild!;
    const property = callee.lastChild;
    const given = callArguments(call);
    if (!property || given.some((a) => typeof literal(this.src, a) !== 'number')) return undefined;
    return this.remember(call, () => {
      const positional = TFJS_OPS[name]?.params ?? [];
      const args = Object.fromEntries(given.flatMap((a, i) => (positional[i] ? [[positional[i], a]] : [])));
      return this.build(name, 'functional', args, 'method', `.${name}()`, property.from, call.to);
    });
  }

  private lossAt(node: SyntaxNode, name: string, spec: ReturnType<typeof tfjsLossSpec>): LossUse | undefined {
    if (!spec) return undefined;
    const known = this.losses.get(node.from);
    if (known) return known;
    const made: LossUse = { name, ...spec, framework: 'tfjs', range: this.lines.range(node.from, node.to) };
    this.losses.set(node.from, made);
    return made;
  }

  /** `loss: 'binaryCrossentropy'` in compile. */
  compileString(node: SyntaxNode): LossUse | undefined {
    const name = literal(this.src, node);
    return typeof name === 'string' ? this.lossAt(node, this.src.of(node), tfjsLossSpec(name)) : undefined;
  }

  /** `tf.losses.softmaxCrossEntropy` passed or called; `path` is its qualified name. */
  lossFunction(node: SyntaxNode, path: string): LossUse | undefined {
    const m = /^tf\.(losses|metrics)\.(\w+)$/.exec(path);
    const at = node.name === 'CallExpression' ? node.firstChild! : node;
    return m ? this.lossAt(at, this.src.of(at), tfjsLossFunction(m[1] as 'losses' | 'metrics', m[2])) : undefined;
  }

  /** Mark an activation use as a gate: its output multiplies another tensor. */
  markGate(node: SyntaxNode): void {
    const use = this.activations.get(node.from * 4 + 1);
    if (use) use.gating = true;
  }
}

/** The member name of a call's callee: `x.sigmoid()` → `sigmoid`. */
export function methodName(src: Source, call: SyntaxNode): string | undefined {
  const callee = call.firstChild;
  if (callee?.name !== 'MemberExpression') return undefined;
  const prop = parts(callee).pop();
  return prop?.name === 'PropertyName' ? src.of(prop) : undefined;
}
