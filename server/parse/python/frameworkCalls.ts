// Calls of framework names: layer constructors, containers, activations, losses, tensor
// functions. What each returns as an abstract value (a layer, a Sequential, a flow, a loss).

import type { InitOption } from '../../../shared/activations/initSpellings';
import type { ActivationUse, Framework, Layer, LossUse, Range } from '../../model/layerStack';
import type { CallExpr, Expr, StrExpr } from './ast';
import { callableActivation, callActivation, defaultActivation, stringActivation, type UseContext } from './activationUses';
import {
  canonical, FACTORIES, JOINS, KERAS_LAYERS, KERAS_MERGES, KERAS_WRAPPERS, MATMULS, PASS_THROUGH, REDUCTIONS, TF_CONTRIB_LAYERS,
  TF_FUNCTIONAL_LAYERS, TF_LAYERS, TORCH_FUNCTIONAL_LAYERS, TORCH_LAYERS, type ArgRef, type Canonical, type LayerSpec,
} from './catalog';
import { applyLayers, mergeChains } from './flows';
import { recordDraw, tensorflowInitialValue, tensorflowInitializer } from './initializers';
import type { LayerFactory } from './layers';
import type { Registry } from './registry';
import { argument, argumentNode, argumentSpan, dataArg, type CallSite } from './site';
import { Chain, flow, weightWidths, UNKNOWN, type Candidate, type Item, type Value } from './values';

/** What framework calls need from the evaluator. */
export interface Host {
  readonly registry: Registry;
  readonly layers: LayerFactory;
  readonly use: UseContext;
  items(site: CallSite): Item[];
  newSequence(site: CallSite, framework: Framework, items: Item[]): Value;
  newList(items: Item[]): Value;
  modelCandidate(site: CallSite, chain: Chain): Candidate;
  callValue(f: Value, site: CallSite): Value;
  applyActivation(data: Value | undefined, use: ActivationUse, site: CallSite): Value;
  binary(op: string, a: Value, b: Value, site: object, span: { from: number; to: number }, name?: string): Value;
  /** A loss reads `pred`, spelled `at`. */
  tie(pred: Value | undefined, loss: LossUse, at?: Expr): void;
  /** A call of something the analysis does not know, applied to whatever flows it receives. */
  opaque(site: CallSite, values: Value[]): Value;
}

/** The opaque step where tensors of separate branches meet at a call. */
function joinAt(h: Host, site: CallSite): () => Layer {
  return () => h.layers.at(site.node, site.node, 'unknown', calleeText(h, site));
}

type RefValue = Extract<Value, { t: 'ref' }>;

export function callFramework(h: Host, ref: RefValue, site: CallSite): Value {
  // A call still being typed may gain arguments (`Dense(1, activation=`): what it builds is not known yet.
  if (site.node.incomplete) return UNKNOWN;
  const q = ref.qname;
  if (q === 'collections.OrderedDict' || q === 'typing.OrderedDict') return orderedDict(h, site);
  if (q.endsWith('.data_parallel')) {
    // nn.parallel.data_parallel(module, input, ...) is module(input).
    const rest = { ...site, args: site.args.slice(1), argNodes: site.argNodes.slice(1), conditional: site.conditional.slice(1) };
    return h.callValue(site.args[0] ?? UNKNOWN, rest);
  }
  const c = canonical(q);
  if (!c) return h.opaque(site, [...site.args, ...site.kwargs.values()]);
  const loss = h.registry.losses.get(site.node) ?? h.registry.losses.get(ref.node);
  if (loss) return callLossValue(h, c, loss, site);
  if (c.ns === 'torch.nn' && c.name === 'Identity') return { t: 'identity' };
  if (c.ns === 'keras.layers' && c.name === 'Activation') return { t: 'layer', layer: activationLayer(h, site) };
  // The use at the call is what a hover there shows; an indirect call's layer takes the chosen function's.
  const atCall = h.registry.activation(site.node, () => callActivation(h.use, site.node, c));
  const use = atCall && (indirectActivation(h, ref, c, site) ?? atCall);
  if (use) {
    if (c.ns === 'torch.nn' || c.ns === 'keras.layers') {
      return { t: 'layer', layer: h.layers.at(site.node, site.node, 'activation', use.spelling, { activation: use }) };
    }
    return h.applyActivation(dataArg(site), use, site);
  }
  switch (c.ns) {
    case 'torch.nn': return torchModule(h, c, site);
    case 'keras.models': case 'keras.layers': case 'keras': return kerasCall(h, c, site);
    case 'tf.layers': return tfLayer(h, c, site);
    case 'tf.contrib.layers': return contribLayer(h, c, site);
    default: return tensorFunction(h, c, site);
  }
}

/**
 * An activation function called through a variable with only its data (`self.activation(y)`, bound
 * to `tf.nn.relu` in one instance and `tf.nn.softmax` in another): the use is where the function was
 * chosen, so each choice is its own use and findings point at it.
 */
function indirectActivation(h: Host, ref: RefValue, c: Canonical, site: CallSite): ActivationUse | undefined {
  if (ref.node === site.node.callee || site.node.args.length !== 1) return undefined;
  return h.registry.activation(ref.node, () => callableActivation(h.use, ref.node, c));
}

function callLossValue(h: Host, c: Canonical, loss: LossUse, site: CallSite): Value {
  const constructor = c.ns === 'torch.nn' || (c.ns === 'keras.losses' && /^[A-Z][a-z]/.test(c.name));
  if (constructor) return { t: 'loss', loss };
  // A crossentropy written with tf.log reads the log's argument.
  const ref = c.name === 'log' ? INPUT_ARG : predictionRef(loss);
  h.tie(argument(site, ...ref), loss, argumentNode(site, ...ref));
  return UNKNOWN;
}

type ArgumentRef = [number, ...string[]];
const INPUT_ARG: ArgumentRef = [0, 'x'];

/**
 * Where a loss reads the model's output: PyTorch (input, target), Keras (y_true, y_pred),
 * TensorFlow (labels, logits) and TF1 `tf.losses.log_loss(labels, predictions)`.
 */
function predictionRef(loss: LossUse): ArgumentRef {
  if (loss.framework === 'pytorch') return [0, 'input'];
  if (loss.framework === 'tensorflow') return [1, 'logits', 'predictions'];
  return [1, 'y_pred'];
}

/** The argument a loss reads the model's output from. */
export function predictionArg(loss: LossUse, site: CallSite): Value | undefined {
  return argument(site, ...predictionRef(loss));
}

function orderedDict(h: Host, site: CallSite): Value {
  const pairs = site.args[0];
  if (!pairs || pairs.t !== 'list') return UNKNOWN;
  return h.newList(pairs.list.items.map((i) => {
    const second = i.value.t === 'list' ? i.value.list.items[1] : undefined;
    return { value: second?.value ?? UNKNOWN, conditional: i.conditional, span: second?.span ?? i.span };
  }));
}

function num(v: Value | undefined): number | undefined {
  return v?.t === 'num' && Number.isInteger(v.v) ? v.v : undefined;
}

function widths(spec: LayerSpec, site: CallSite): { units?: number; inFeatures?: number; kernelSize?: number[] } {
  return {
    units: spec.units ? num(referenced(site, spec.units)) : undefined,
    inFeatures: spec.inFeatures ? num(referenced(site, spec.inFeatures)) : undefined,
    kernelSize: spec.kernel && kernelSize(spec.kernel, site),
  };
}

/** A conv's kernel extent per dimension: an int for every dimension or one literal per dimension; none for a grouped conv. */
function kernelSize(kernel: NonNullable<LayerSpec['kernel']>, site: CallSite): number[] | undefined {
  const groups = kernel.groups && referenced(site, kernel.groups);
  if (groups && num(groups) !== 1) return undefined;
  const v = referenced(site, kernel.size);
  const sizes = v?.t === 'list' ? v.list.items.map((i) => (i.conditional ? undefined : num(i.value))) : [num(v)];
  if (sizes.length === 1) sizes.length = kernel.dims, sizes.fill(sizes[0]);
  return sizes.length === kernel.dims && sizes.every((k) => k !== undefined && k > 0) ? (sizes as number[]) : undefined;
}

/** The argument an ArgRef names: one of its keywords, else its position (as `argument`, without spreading the ref). */
function referenced(site: CallSite, ref: ArgRef): Value | undefined {
  for (let i = 1; i < ref.length; i++) {
    const v = site.kwargs.get(ref[i] as string);
    if (v) return v;
  }
  return site.args[ref[0]];
}

function calleeText(h: Host, site: CallSite): string {
  return h.use.text.slice(site.node.callee.from, site.node.callee.to);
}

function torchModule(h: Host, c: Canonical, site: CallSite): Value {
  if (c.name === 'Sequential') return h.newSequence(site, 'pytorch', h.items(site));
  if (c.name === 'ModuleList') {
    const init = site.args[0];
    return h.newList(init?.t === 'list' ? init.list.items.slice() : []);
  }
  const spec = TORCH_LAYERS[c.name];
  if (!spec) return UNKNOWN;
  return { t: 'layer', layer: h.layers.at(site.node, site.node, spec.kind, calleeText(h, site), widths(spec, site)) };
}

/** The activation a Keras layer's `activation=` names: a use, or an opaque layer when it cannot be resolved. */
function layerActivation(h: Host, site: CallSite, index: number | undefined, keyword = 'activation'): { activation?: ActivationUse; then?: Layer; argRange?: Range } {
  const i = index ?? -1;
  const v = argument(site, i, keyword);
  const span = argumentSpan(site, i, keyword);
  if (!v || !span) return {};
  const argRange = h.layers.range(span);
  if (v.t === 'none') return { argRange }; // `activation=None`: linear, and the spot a fix edits
  const use = activationOf(h, v);
  if (use) return { activation: use, argRange };
  const node = argumentNode(site, i, keyword) ?? site.node;
  return { then: h.layers.at(node, node, 'unknown', h.use.text.slice(node.from, node.to)), argRange };
}

/** An activation named by a value: a string (`"relu"`), a callable (`tf.nn.relu`), an activation layer instance. */
function activationOf(h: Host, v: Value): ActivationUse | undefined {
  if (v.t === 'str' && v.node?.k === 'str') {
    const node = v.node as StrExpr;
    return h.registry.activation(node, () => stringActivation(h.use, node, 'keras'));
  }
  if (v.t === 'ref') {
    const c = canonical(v.qname);
    return c && h.registry.activation(v.node, () => callableActivation(h.use, v.node, c));
  }
  if (v.t === 'layer') return v.layer.activation;
  return undefined;
}

function activationLayer(h: Host, site: CallSite): Layer {
  const v = argument(site, 0, 'activation');
  const span = argumentSpan(site, 0, 'activation');
  const use = v && activationOf(h, v);
  const name = calleeText(h, site);
  if (!use || !span) return h.layers.at(site.node, site.node, 'unknown', name);
  return h.layers.at(site.node, site.node, 'activation', name, { activation: use, activationArgRange: h.layers.range(span) });
}

function kerasLayer(h: Host, spec: LayerSpec, site: CallSite): Value {
  const fused = spec.kind === 'linear' || spec.kind === 'conv';
  const act = fused ? layerActivation(h, site, spec.activationIndex) : {};
  const layer = h.layers.at(site.node, site.node, spec.kind, calleeText(h, site), {
    ...widths(spec, site), activation: act.activation, activationArgRange: act.argRange,
  });
  return act.then ? { t: 'layer', layer, then: act.then } : { t: 'layer', layer };
}

function kerasCall(h: Host, c: Canonical, site: CallSite): Value {
  if (c.ns === 'keras.models' && c.name === 'Sequential') {
    const init = argument(site, 0, 'layers');
    return h.newSequence(site, 'keras', init?.t === 'list' ? init.list.items.slice() : []);
  }
  if (c.ns === 'keras.models' && c.name === 'Model') return functionalModel(h, site);
  if (c.name === 'Input') return flow(Chain.start('input'));
  if (c.name === 'InputLayer') return { t: 'identity' };
  if (KERAS_WRAPPERS.has(c.name)) return argument(site, 0, 'layer') ?? UNKNOWN;
  const merge = KERAS_MERGES[c.name];
  if (merge && /^[A-Z]/.test(c.name)) return { t: 'merger', mode: merge, node: site.node };
  if (merge) return mergeValues(h, merge, site.args[0], site);
  const spec = KERAS_LAYERS[c.name];
  return spec ? kerasLayer(h, spec, site) : UNKNOWN;
}

/** `add([x, y])`, `Add()([x, y])`: a skip connection when one input is a prefix of the other. */
export function mergeValues(h: Host, mode: 'add' | 'merge', inputs: Value | undefined, site: CallSite, layer: CallExpr = site.node): Value {
  const values = inputs?.t === 'list' ? inputs.list.items.map((i) => i.value) : [];
  const name = h.use.text.slice(layer.callee.from, layer.callee.to);
  if (mode === 'add' && values.length === 2) return h.binary('+', values[0], values[1], layer, layer, name);
  return flow(mergeChains(values, () => h.layers.at(layer, layer, 'unknown', name)));
}

function functionalModel(h: Host, site: CallSite): Value {
  let out = argument(site, 1, 'outputs', 'output');
  if (out?.t === 'list' && out.list.items.length === 1) out = out.list.items[0].value;
  if (out?.t !== 'flow' || out.uncertain) return UNKNOWN;
  return { t: 'model', model: { candidate: h.modelCandidate(site, out.chain), chain: out.chain } };
}

function tfLayer(h: Host, c: Canonical, site: CallSite): Value {
  const spec = TF_LAYERS[c.name];
  if (!spec) return h.opaque(site, site.args);
  const built = kerasLayer(h, spec, site);
  if (built.t !== 'layer') return UNKNOWN;
  h.layers.tensorflow.add(built.layer);
  return applyLayers(dataArg(site) ?? UNKNOWN, built.then ? [built.layer, built.then] : [built.layer], joinAt(h, site));
}

/**
 * `tf.contrib.layers.fully_connected(x, 10)` and the slim layers: a ReLU unless `activation_fn`
 * says otherwise. The layer carries no argument range: fixes edit `activation=` arguments only.
 */
function contribLayer(h: Host, c: Canonical, site: CallSite): Value {
  const spec = TF_CONTRIB_LAYERS[c.name];
  if (!spec) return (c.name === 'xavier_initializer' && tensorflowWeight(h, c.name, site)) || h.opaque(site, site.args);
  const weighted = spec.kind === 'linear' || spec.kind === 'conv';
  const passed = weighted && argument(site, spec.activationIndex ?? -1, 'activation_fn') !== undefined;
  const act = passed ? layerActivation(h, site, spec.activationIndex, 'activation_fn') : {};
  const callee = site.node.callee;
  const activation = passed ? act.activation
    : weighted ? defaultActivation(h.use, 'relu', `${calleeText(h, site)} (default activation_fn=tf.nn.relu)`, callee) : undefined;
  const layer = h.layers.at(site.node, site.node, spec.kind, calleeText(h, site), { ...widths(spec, site), activation });
  h.layers.tensorflow.add(layer);
  return applyLayers(dataArg(site) ?? UNKNOWN, act.then ? [layer, act.then] : [layer], joinAt(h, site));
}

/** torch.*, F.*, tf.*, tf.nn.*, keras.ops.* functions that are not activations or losses. */
function tensorFunction(h: Host, c: Canonical, site: CallSite): Value {
  const name = c.name;
  const data = dataArg(site);
  // A TF1 placeholder is where the data enters the graph.
  if (c.ns === 'tf' && name === 'placeholder') return flow(Chain.start('input'));
  const layerKind = c.ns === 'F' ? TORCH_FUNCTIONAL_LAYERS[name] : c.ns === 'tf.nn' ? TF_FUNCTIONAL_LAYERS[name] : undefined;
  if (layerKind === 'attention') {
    // Queries, keys and values meet in the attention itself.
    const layer = h.layers.at(site.node, site.node, 'attention', calleeText(h, site));
    const merged = mergeChains(site.args.slice(0, 3), () => layer);
    return flow(merged.layer === layer ? merged : merged.then(layer));
  }
  if (layerKind) {
    const weights = name === 'xw_plus_b' ? argument(site, 1, 'weights') : undefined;
    const layer = h.layers.at(site.node, site.node, layerKind, calleeText(h, site), weightWidths(weights));
    if (c.ns === 'tf.nn') h.layers.tensorflow.add(layer);
    if (weights?.t === 'weight' && weights.draw) {
      recordDraw(h.layers, layer, 'weight', weights, site.node);
      recordDraw(h.layers, layer, 'bias', argument(site, 2, 'biases') ?? UNKNOWN, site.node);
    }
    return applyLayers(data ?? UNKNOWN, [layer], joinAt(h, site));
  }
  // `tf.nn.bias_add(tf.matmul(x, W), b)` adds the product's bias.
  if (name === 'bias_add' && data?.t === 'flow') return h.binary('+', data, argument(site, 1, 'bias') ?? UNKNOWN, site.node, site.node, calleeText(h, site));
  if (PASS_THROUGH.has(name)) return data?.t === 'flow' ? data : UNKNOWN;
  const weight = c.ns === 'tf' ? tensorflowWeight(h, name, site) : undefined;
  if (weight) return weight;
  if (FACTORIES.has(name)) return UNKNOWN;
  if (REDUCTIONS.has(name) && data?.t === 'flow') return applyLayers(data, [h.layers.at(site.node, site.node, 'pooling', calleeText(h, site))], joinAt(h, site));
  if (JOINS.has(name)) {
    const joined = joinCall(h, name, site);
    // `tf.matmul(x, W)`: the layer the product made is TensorFlow's.
    if ((c.ns === 'tf' || c.ns === 'tf.nn') && joined.t === 'flow' && joined.chain.layer) h.layers.tensorflow.add(joined.chain.layer);
    return joined;
  }
  return h.opaque(site, [...site.args, ...site.kwargs.values()]);
}

/** Initial values TF1 code makes weights from; each takes the shape first. */
const TF_INITIAL_VALUES = new Set(['zeros', 'ones', 'random_normal', 'truncated_normal', 'random_uniform']);

/**
 * `tf.Variable(tf.random_normal([784, 10]))`, `tf.get_variable("W", shape=[784, 10], initializer=...)`:
 * a weight, with its shape when written and how its initial value is drawn; a TF1 initializer
 * (`tf.truncated_normal_initializer(stddev=0.1)`) is a draw without a shape yet.
 */
function tensorflowWeight(h: Host, name: string, site: CallSite): Value | undefined {
  const made = (initial: Value | undefined): Partial<Extract<Value, { t: 'weight' }>> =>
    initial?.t === 'weight' && initial.draw ? { draw: { ...initial.draw, span: site.node } } : {};
  if (name === 'Variable') {
    const initial = argument(site, 0, 'initial_value');
    return initial?.t === 'weight' ? { ...initial, ...made(initial) } : { t: 'weight' };
  }
  // Without an initializer the variable scope's default applies, which the analysis does not follow.
  if (name === 'get_variable') return { t: 'weight', ...shapeOf(argument(site, 1, 'shape')), ...made(argument(site, 3, 'initializer')) };
  const source = calleeText(h, site);
  if (name.endsWith('_initializer')) {
    const uniform = name === 'xavier_initializer' ? argument(site, 0, 'uniform') : undefined;
    if (uniform && uniform.t !== 'bool') return { t: 'weight', draw: { source, span: site.node } };
    return { t: 'weight', draw: { reading: tensorflowInitializer(name, valueOptions(site, 0), uniform?.v), source, span: site.node } };
  }
  if (!TF_INITIAL_VALUES.has(name)) return undefined;
  return { t: 'weight', ...shapeOf(argument(site, 0, 'shape')), draw: { reading: tensorflowInitialValue(name, valueOptions(site, 1)), source, span: site.node } };
}

/** A call's arguments as initialiser options, positions counted from `first`: NaN for a value that is no number or string. */
function valueOptions(site: CallSite, first: number): InitOption {
  return (name, position) => {
    const v = argument(site, first + position, name);
    if (!v) return site.open ? NaN : undefined;
    return v.t === 'num' || v.t === 'str' ? v.v : NaN;
  };
}

function shapeOf(v: Value | undefined): { shape?: number[] } {
  if (v?.t !== 'list') return {};
  const dims = v.list.items.map((i) => (i.conditional ? undefined : num(i.value)));
  return dims.every((d) => d !== undefined) ? { shape: dims as number[] } : {};
}

function joinCall(h: Host, name: string, site: CallSite): Value {
  const [a, b] = site.args;
  const callee = calleeText(h, site);
  if ((name === 'add' || name === 'sub' || name === 'subtract') && a && b) return h.binary(name === 'add' ? '+' : '-', a, b, site.node, site.node, callee);
  if ((name === 'mul' || name === 'multiply') && a && b) return h.binary('*', a, b, site.node, site.node, callee);
  if (MATMULS.has(name)) {
    const operands = name === 'einsum' ? site.args.slice(1) : site.args.slice(0, 2);
    // A transposed operand's written shape is not the product's: its width is unknown.
    if (['transpose_a', 'transpose_b', 'adjoint_a', 'adjoint_b'].some((k) => site.kwargs.has(k))) operands.forEach((v, i) => { if (v.t === 'weight') operands[i] = UNKNOWN; });
    if (operands.length === 2) return h.binary('@', operands[0], operands[1], site.node, site.node, callee);
    return h.opaque(site, operands);
  }
  const list = a?.t === 'list' ? a.list.items.map((i) => i.value) : site.args;
  return flow(mergeChains(list, joinAt(h, site)));
}
