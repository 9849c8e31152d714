// Keras model JSON → layer stacks: `model.to_json()` (Keras 2 and 3), the config.json of a
// `.keras` archive (with `compile_config`), and TF.js `model.json` (`modelTopology`, converted from
// Keras or saved by TF.js, with `training_config`). Sequential models list their layers in order;
// functional ones are followed from each output layer back through `inbound_nodes`. Nested models
// are inlined; `Add` makes a stack residual, other merges are opaque steps.

import type { Node } from 'jsonc-parser';
import type { ActivationUse, DocumentModel, Framework, Layer, LayerStack, LossUse } from '../../model/layerStack';
import { KERAS_LAYERS, KERAS_MERGES, KERAS_WRAPPERS } from '../python/catalog';
import { KERAS_FAMILIES, kerasSpec } from '../python/losses';
import type { LineIndex } from '../python/positions';
import { tfjsLossSpec } from '../tfjs/losses';
import { elements, member, numberValue, primitive, property, rangeOf, sourceOf, stringValue } from './jsonTree';
import { layerInit } from './kerasInit';
import { activationLayer, layer, MAX_LAYERS, resolveCall, resolveName, TooManyLayers, use } from './uses';

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
const ACTIVATION_LAYERS = new Set(['ReLU', 'LeakyReLU', 'ELU', 'PReLU', 'Softmax', 'ThresholdedReLU']);
/** Config keys that describe the layer object, not the function it computes. */
const NOT_PARAMS = new Set(['name', 'trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'input_shape']);

interface Context {
  text: string;
  lines: LineIndex;
  kerasVersion: 2 | 3;
  /** Activation strings of a model saved by TF.js may use its camelCase names (`hardSigmoid`). */
  tfjsNames: boolean;
  activations: ActivationUse[];
  /** Layer objects read so far, against maxLayers. */
  count: number;
  maxLayers: number;
}

interface Chain { layers: Layer[]; residual: boolean }

/** The model object, its Keras version and its training configuration, wherever the format keeps them. */
function locate(root: Node): { model: Node; training?: Node; version?: string } | undefined {
  const topology = member(root, 'modelTopology');
  if (topology) {
    const inner = member(topology, 'model_config') ?? topology;
    const training = member(topology, 'training_config') ?? member(root, 'trainingConfig');
    return isModel(inner) ? { model: inner, training, version: stringValue(member(topology, 'keras_version')) } : undefined;
  }
  if (!isModel(root)) return undefined;
  return { model: root, training: member(root, 'compile_config') ?? member(root, 'training_config'), version: stringValue(member(root, 'keras_version')) };
}

function isModel(node: Node | undefined): node is Node {
  const cls = stringValue(member(node, 'class_name'));
  return cls !== undefined && MODEL_CLASSES.has(cls) && member(node, 'config') !== undefined;
}

function className(node: Node): string | undefined {
  return stringValue(member(node, 'class_name'));
}

/** Where findings about a layer point: its `"class_name": "Dense"` entry. */
function entryRange(ctx: Context, node: Node) {
  const p = property(node, 'class_name') ?? node;
  return rangeOf(ctx.lines, p);
}

function stringActivation(ctx: Context, value: Node): ActivationUse | undefined {
  const name = stringValue(value);
  if (name === undefined) return undefined;
  const resolved = resolveName('keras', name, { kind: 'string', kerasVersion: ctx.kerasVersion })
    ?? (ctx.tfjsNames ? resolveName('tfjs', name, { kind: 'string' }) : undefined);
  if (!resolved) return undefined;
  const made = use(resolved, sourceOf(ctx.text, value), 'string', 'keras', rangeOf(ctx.lines, value));
  ctx.activations.push(made);
  return made;
}

/** `ReLU`, `LeakyReLU`, `Softmax`... as a layer: its class name resolved with its config's literals. */
function layerClassActivation(ctx: Context, node: Node, cls: string, config: Node | undefined): ActivationUse | undefined {
  const args: Record<string, number | string | boolean | null> = {};
  for (const p of config?.children ?? []) {
    const key = p.children?.[0]?.value as string;
    const value = primitive(p.children?.[1]);
    if (value !== undefined && !NOT_PARAMS.has(key)) args[key] = value;
  }
  const resolved = resolveCall('keras', cls, args, { kind: 'layer', kerasVersion: ctx.kerasVersion });
  const valueNode = member(node, 'class_name');
  if (!resolved || !valueNode) return undefined;
  const axis = args.axis;
  const made: ActivationUse = {
    ...use(resolved, cls, 'module', 'keras', rangeOf(ctx.lines, valueNode)),
    ...(cls === 'Softmax' && typeof axis === 'number' ? { dim: axis } : {}),
  };
  ctx.activations.push(made);
  return made;
}

/** The layers one layer object contributes: none (InputLayer), one, or a nested model's. */
function layersOf(ctx: Context, node: Node): Chain {
  if (++ctx.count > ctx.maxLayers) throw new TooManyLayers(ctx.maxLayers);
  const cls = className(node);
  const config = member(node, 'config');
  const range = entryRange(ctx, node);
  const single = (l: Layer): Chain => ({ layers: [l], residual: false });
  if (!cls || cls === 'InputLayer') return { layers: [], residual: false };
  const given = stringValue(member(config, 'name'));
  // Models list many layers of one class: the layer's own name tells them apart.
  const label = given === undefined ? cls : `${cls} "${given}"`;
  if (isModel(node)) return modelChains(ctx, node).main;
  if (KERAS_WRAPPERS.has(cls)) {
    const inner = member(config, 'layer');
    if (!inner) return single(layer('unknown', label, range));
    const wrapped = layersOf(ctx, inner);
    return { layers: wrapped.layers.map((l) => ({ ...l, name: `${cls}(${l.name})` })), residual: wrapped.residual };
  }
  if (cls === 'Activation') {
    const value = member(config, 'activation');
    return single(activationLayer(label, range, value && stringActivation(ctx, value)));
  }
  if (ACTIVATION_LAYERS.has(cls)) return single(activationLayer(label, range, layerClassActivation(ctx, node, cls, config)));
  const merge = KERAS_MERGES[cls];
  if (merge) return merge === 'add' ? { layers: [layer('residual', label, range)], residual: true } : single(layer('unknown', label, range));
  const spec = KERAS_LAYERS[cls];
  if (!spec) return single(layer('unknown', label, range));
  const unitsKey = spec.units?.slice(1).find((k) => typeof primitive(member(config, k as string)) === 'number') as string | undefined;
  const units = unitsKey ? (primitive(member(config, unitsKey)) as number) : undefined;
  const fused = spec.kind === 'linear' || spec.kind === 'conv';
  if (!fused) {
    // A recurrent cell's activations are inside the cell, not on the stack; hovers still explain them.
    const cell = member(config, 'activation');
    if (cell) stringActivation(ctx, cell);
    const gates = member(config, 'recurrent_activation');
    const gate = gates && stringActivation(ctx, gates);
    if (gate) gate.gating = true;
  }
  const activationNode = fused ? member(config, 'activation') : undefined;
  const activation = activationNode && stringActivation(ctx, activationNode);
  const init = layerInit(ctx.text, ctx.lines, config, ctx.tfjsNames ? 'tfjs' : 'keras');
  const kernelSize = spec.kernel && kernelOf(config, spec.kernel.dims);
  const main = layer(spec.kind, label, range, {
    ...(units !== undefined ? { units } : {}), ...(kernelSize ? { kernelSize } : {}), ...(activation ? { activation } : {}), ...(init ? { init } : {}),
  });
  // An activation that is not modelled (a custom function, `exponential`) still ends a linear run.
  const opaque = activationNode && !activation && activationNode.type !== 'null' ? [layer('unknown', sourceOf(ctx.text, activationNode), rangeOf(ctx.lines, activationNode))] : [];
  return { layers: [main, ...opaque], residual: false };
}

/** Names of the layers feeding a functional layer's first call: Keras 2 `[["dense", 0, 0, {}]]`, Keras 3 `keras_history`. */
function inboundNames(node: Node): string[] {
  const first = elements(member(node, 'inbound_nodes'))[0];
  const names: string[] = [];
  const visit = (n: Node | undefined, depth: number): void => {
    if (!n || depth > 8) return;
    if (n.type === 'array') {
      const [head, second] = n.children ?? [];
      if (head?.type === 'string' && second?.type === 'number') names.push(head.value as string);
      else for (const c of n.children ?? []) visit(c, depth + 1);
    } else if (n.type === 'object') {
      const history = member(member(n, 'config'), 'keras_history');
      if (history) visit(history, depth + 1);
      else for (const p of n.children ?? []) visit(p.children?.[1], depth + 1);
    }
  };
  visit(first, 0);
  return names;
}

/** Output layer names of a functional model: `[["dense_1", 0, 0]]`, or Keras 3's single `["dense_1", 0, 0]`. */
function outputNames(config: Node | undefined): string[] {
  const outputs = member(config, 'output_layers');
  const items = elements(outputs);
  if (items[0]?.type === 'string') return [items[0].value as string];
  return items.map((o) => stringValue(elements(o)[0])).filter((n): n is string => n !== undefined);
}

function layerName(node: Node): string | undefined {
  return stringValue(member(node, 'name')) ?? stringValue(member(member(node, 'config'), 'name'));
}

/** The chain of each output of a model (`main` is the first), following functional connections. */
function modelChains(ctx: Context, model: Node): { main: Chain; outputs: { name?: string; chain: Chain }[] } {
  const config = member(model, 'config');
  const layerNodes = config?.type === 'array' ? elements(config) : elements(member(config, 'layers'));
  const functional = layerNodes.some((n) => member(n, 'inbound_nodes') !== undefined);
  if (!functional) {
    const chain: Chain = { layers: [], residual: false };
    for (const n of layerNodes) {
      const part = layersOf(ctx, n);
      chain.layers.push(...part.layers);
      chain.residual ||= part.residual;
    }
    return { main: chain, outputs: [{ chain }] };
  }
  const byName = new Map<string, Chain>();
  let last: Chain = { layers: [], residual: false };
  for (const n of layerNodes) {
    const inputs = inboundNames(n).map((name) => byName.get(name)).filter((c): c is Chain => c !== undefined);
    const base = inputs.reduce<Chain>((a, b) => (b.layers.length > a.layers.length ? b : a), { layers: [], residual: false });
    const own = layersOf(ctx, n);
    last = { layers: [...base.layers, ...own.layers], residual: inputs.some((c) => c.residual) || own.residual };
    const name = layerName(n);
    if (name !== undefined) byName.set(name, last);
  }
  const outputs = outputNames(config).map((name) => ({ name, chain: byName.get(name) })).filter((o): o is { name: string; chain: Chain } => o.chain !== undefined);
  return outputs.length ? { main: outputs[0].chain, outputs } : { main: last, outputs: [{ chain: last }] };
}

/** A loss as `training_config` / `compile_config` store it: a name, or a serialized loss object. */
/** A saved conv's `kernel_size` ([3, 3], or a number), for an ungrouped convolution. */
function kernelOf(config: Node | undefined, dims: number): number[] | undefined {
  const groups = member(config, 'groups');
  if (groups && numberValue(groups) !== 1) return undefined;
  const size = member(config, 'kernel_size');
  const sizes = size?.type === 'array' ? elements(size).map(numberValue) : Array<number | undefined>(dims).fill(numberValue(size));
  return sizes.length === dims && sizes.every((k) => k !== undefined && Number.isInteger(k) && k > 0) ? (sizes as number[]) : undefined;
}

function lossOf(ctx: Context, node: Node, framework: Framework): LossUse | undefined {
  const range = rangeOf(ctx.lines, node);
  const name = stringValue(node);
  if (name !== undefined) {
    const family = KERAS_FAMILIES[name];
    if (family) return { name: sourceOf(ctx.text, node), ...kerasSpec(family, undefined, false), framework, range };
    const tfjs = tfjsLossSpec(name);
    return tfjs && { name: sourceOf(ctx.text, node), ...tfjs, framework, range };
  }
  const cls = stringValue(member(node, 'class_name'));
  const family = cls !== undefined ? KERAS_FAMILIES[cls] : undefined;
  if (!cls || !family) return undefined;
  const fromLogitsNode = member(member(node, 'config'), 'from_logits');
  const fromLogits = typeof primitive(fromLogitsNode) === 'boolean' ? (primitive(fromLogitsNode) as boolean) : undefined;
  return { name: cls, ...kerasSpec(family, fromLogits, fromLogitsNode !== undefined), framework, range, ...(fromLogits !== undefined ? { fromLogits } : {}) };
}

/** The loss for output `index` (named `name`): one loss for all outputs, a list by position, a dict by name. */
function lossFor(loss: Node | undefined, index: number, name: string | undefined): Node | undefined {
  if (!loss) return undefined;
  if (loss.type === 'array') return elements(loss)[index];
  if (loss.type === 'object' && member(loss, 'class_name') === undefined) return name === undefined ? undefined : member(loss, name);
  return loss;
}

export function parseKerasJson(text: string, root: Node, lines: LineIndex, maxLayers = MAX_LAYERS): DocumentModel {
  const found = locate(root);
  if (!found) return { stacks: [], activations: [], losses: [], syntax: 'json' };
  const keras3 = member(found.model, 'module') !== undefined || member(found.model, 'registered_name') !== undefined;
  const tfjsSaved = found.version?.startsWith('tfjs') ?? false;
  const version = /^(\d+)\./.exec(found.version ?? '')?.[1];
  const ctx: Context = {
    text, lines, activations: [], tfjsNames: tfjsSaved, count: 0, maxLayers,
    kerasVersion: keras3 || version === '3' ? 3 : 2,
  };
  const framework: Framework = tfjsSaved ? 'tfjs' : 'keras';
  const { outputs } = modelChains(ctx, found.model);
  const modelName = stringValue(member(member(found.model, 'config'), 'name')) ?? className(found.model) ?? 'model';
  const lossNode = member(found.training, 'loss');
  const losses: LossUse[] = [];
  const stacks: LayerStack[] = outputs.map(({ name, chain }, i) => {
    const lossValue = lossFor(lossNode, i, name);
    const loss = lossValue && lossOf(ctx, lossValue, framework);
    if (loss) losses.push(loss);
    return {
      framework, name: outputs.length > 1 && name ? `${modelName}.${name}` : modelName,
      range: entryRange(ctx, found.model), layers: chain.layers,
      ...(loss ? { loss } : {}), ...(chain.residual ? { residual: true } : {}),
    };
  });
  return { stacks: stacks.filter((s) => s.layers.length > 0), activations: byPosition(ctx.activations), losses, syntax: 'json' };
}

function byPosition(uses: ActivationUse[]): ActivationUse[] {
  return uses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
