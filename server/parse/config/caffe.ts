// Caffe .prototxt → layer stacks, following blobs: each layer reads its first `bottom` (all of them
// for Eltwise and Concat) and writes its `top`s, in file order, so in-place layers (`ReLU` with
// bottom = top) extend the chain of the blob they overwrite. A loss layer ties the chain of its
// first bottom (the prediction; the second is the label) to the loss; a net without one (a
// deploy net) has a stack per output blob. Both `layer { type: "ReLU" }` and V1 `layers { type:
// RELU }` are read.
//
// Losses, checked against BVLC/caffe src/caffe/layers: SoftmaxWithLoss and InfogainLoss apply a
// softmax to their input and SigmoidCrossEntropyLoss a sigmoid (they read logits);
// MultinomialLogisticLoss reads probabilities (−log p[label]); EuclideanLoss and HingeLoss read any
// values. BVLC Caffe has no probability-input binary crossentropy: a `Sigmoid` layer belongs before
// a loss only in deploy nets, and before SigmoidCrossEntropyLoss it squashes the output twice.

import type { ActivationUse, DocumentModel, Layer, LayerKind, LayerStack, LossUse } from '../../model/layerStack';
import { getActivation, resolveParams } from '../../../shared/activations';
import type { LineIndex } from '../python/positions';
import { chainLayers, EMPTY_CHAIN, extend, lastLayer, longest, type Chain } from './chain';
import { fieldsNamed, messageField, numberField, scalarField, type Field, type Message } from './prototxt';
import { activationLayer, layer, MAX_LAYERS, TooManyLayers } from './uses';

/** V1 `LayerParameter.LayerType` enum names → the V2 type strings. */
const V1_TYPES: Readonly<Record<string, string>> = {
  CONVOLUTION: 'Convolution', DECONVOLUTION: 'Deconvolution', INNER_PRODUCT: 'InnerProduct', POOLING: 'Pooling',
  RELU: 'ReLU', SIGMOID: 'Sigmoid', TANH: 'TanH', SOFTMAX: 'Softmax', BNLL: 'BNLL', ABSVAL: 'AbsVal', POWER: 'Power',
  EXP: 'Exp', THRESHOLD: 'Threshold', SOFTMAX_LOSS: 'SoftmaxWithLoss', SIGMOID_CROSS_ENTROPY_LOSS: 'SigmoidCrossEntropyLoss',
  MULTINOMIAL_LOGISTIC_LOSS: 'MultinomialLogisticLoss', EUCLIDEAN_LOSS: 'EuclideanLoss', HINGE_LOSS: 'HingeLoss',
  INFOGAIN_LOSS: 'InfogainLoss', CONTRASTIVE_LOSS: 'ContrastiveLoss', DROPOUT: 'Dropout', LRN: 'LRN', MVN: 'MVN',
  CONCAT: 'Concat', ELTWISE: 'Eltwise', FLATTEN: 'Flatten', SPLIT: 'Split', SLICE: 'Slice', IM2COL: 'Im2col',
  DATA: 'Data', IMAGE_DATA: 'ImageData', HDF5_DATA: 'HDF5Data', MEMORY_DATA: 'MemoryData', DUMMY_DATA: 'DummyData',
  WINDOW_DATA: 'WindowData', HDF5_OUTPUT: 'HDF5Output', ACCURACY: 'Accuracy', ARGMAX: 'ArgMax', SILENCE: 'Silence',
};

const LAYER_KINDS: Readonly<Record<string, LayerKind>> = {
  Convolution: 'conv', Deconvolution: 'conv', InnerProduct: 'linear', Embed: 'embedding', Pooling: 'pooling',
  BatchNorm: 'normalization', Scale: 'normalization', Bias: 'normalization', LRN: 'normalization', MVN: 'normalization',
  Normalize: 'normalization', Dropout: 'dropout', Flatten: 'reshape', Reshape: 'reshape', Permute: 'reshape',
  Crop: 'reshape', Slice: 'reshape', Tile: 'reshape', Im2col: 'reshape', LSTM: 'recurrent', RNN: 'recurrent',
};

const DATA_TYPES = new Set(['Data', 'ImageData', 'HDF5Data', 'MemoryData', 'DummyData', 'WindowData', 'Input', 'Python']);
/** Layers that read the prediction without producing anything the net trains through. */
const SINKS = new Set(['Accuracy', 'ArgMax', 'Silence', 'HDF5Output']);

const LOSSES: Readonly<Record<string, Omit<LossUse, 'name' | 'range' | 'framework'>>> = {
  SoftmaxWithLoss: { family: 'sparse-categorical-ce', expects: 'logits' },
  InfogainLoss: { family: 'sparse-categorical-ce', expects: 'logits' },
  SigmoidCrossEntropyLoss: { family: 'bce-logits', expects: 'logits' },
  MultinomialLogisticLoss: { family: 'sparse-categorical-ce', expects: 'probabilities' },
  EuclideanLoss: { family: 'mse', expects: 'any' },
  HingeLoss: { family: 'hinge', expects: 'any' },
  ContrastiveLoss: { family: 'contrastive', expects: 'any' },
};

interface Context { lines: LineIndex; activations: ActivationUse[] }

function typeOf(layerMsg: Message): { type: string; field: Field } | undefined {
  const field = layerMsg.fields.find((f) => f.name === 'type' && f.scalar);
  if (!field?.scalar) return undefined;
  return { type: V1_TYPES[field.scalar.text] ?? field.scalar.text, field };
}

/** Activation layers → core id and parameters from their `*_param`; undefined when not modelled. */
function activationSpec(type: string, msg: Message): { id: string; params?: Record<string, number | string> } | undefined {
  switch (type) {
    case 'ReLU': {
      const slope = numberField(messageField(msg, 'relu_param'), 'negative_slope') ?? 0;
      return slope === 0 ? { id: 'relu' } : { id: 'leaky_relu', params: { negative_slope: slope } };
    }
    case 'Sigmoid': return { id: 'sigmoid' };
    case 'TanH': return { id: 'tanh' };
    case 'BNLL': return { id: 'softplus' };
    case 'ELU': return { id: 'elu', params: { alpha: numberField(messageField(msg, 'elu_param'), 'alpha') ?? 1 } };
    case 'PReLU': return { id: 'prelu' };
    case 'Softmax': return { id: 'softmax' };
    case 'Swish': return (numberField(messageField(msg, 'swish_param'), 'beta') ?? 1) === 1 ? { id: 'silu' } : undefined;
    case 'Clip': {
      const p = messageField(msg, 'clip_param');
      const min = numberField(p, 'min');
      const max = numberField(p, 'max');
      return min !== undefined && max !== undefined && min < max ? { id: 'hardtanh', params: { min_val: min, max_val: max } } : undefined;
    }
    default: return undefined;
  }
}

const ACTIVATION_TYPES = new Set(['ReLU', 'Sigmoid', 'TanH', 'BNLL', 'ELU', 'PReLU', 'Softmax', 'Swish', 'Clip', 'AbsVal', 'Power', 'Exp', 'Log', 'Threshold']);

function activationUse(ctx: Context, type: string, msg: Message, typeField: Field): ActivationUse | undefined {
  const spec = activationSpec(type, msg);
  const def = spec && getActivation(spec.id);
  if (!spec || !def) return undefined;
  let params;
  try {
    params = resolveParams(def, spec.params);
  } catch {
    return undefined; // a parameter the core rejects: the layer stays an opaque step
  }
  const s = typeField.scalar!;
  const axis = type === 'Softmax' ? numberField(messageField(msg, 'softmax_param'), 'axis') : undefined;
  const made: ActivationUse = {
    id: spec.id, params, spelling: s.quoted ? `"${s.text}"` : s.text, form: 'module', framework: 'config',
    range: ctx.lines.range(s.from, s.to), ...(type === 'Softmax' ? { dim: axis ?? 1 } : {}),
  };
  ctx.activations.push(made);
  return made;
}

/** The layers one Caffe layer contributes after its input chain; names are the type as written (`ReLU`, V1 `RELU`). */
function layersOf(ctx: Context, type: string, msg: Message, typeField: Field): Layer[] {
  const range = ctx.lines.range(typeField.from, typeField.to);
  const written = typeField.scalar!.text;
  if (ACTIVATION_TYPES.has(type)) return [activationLayer(written, range, activationUse(ctx, type, msg, typeField))];
  const kind = LAYER_KINDS[type];
  if (!kind) return [layer('unknown', written, range)];
  if (type === 'Pooling') {
    // Average pooling is linear, max pooling is not: the name says which (`isLinearPooling` reads it).
    const pool = scalarField(messageField(msg, 'pooling_param'), 'pool')?.text ?? 'MAX';
    return [layer('pooling', `${written} (${pool === 'AVE' ? 'average' : pool.toLowerCase()})`, range)];
  }
  const param = messageField(msg, type === 'InnerProduct' ? 'inner_product_param' : 'convolution_param');
  const units = kind === 'linear' || kind === 'conv' ? numberField(param, 'num_output') : undefined;
  const kernelSize = type === 'Convolution' ? kernelOf(param) : undefined;
  return [layer(kind, written, range, { ...(units !== undefined ? { units } : {}), ...(kernelSize ? { kernelSize } : {}) })];
}

/** `kernel_size: k` (square) or `kernel_h`/`kernel_w`, for an ungrouped convolution (`group` 1, the default). */
function kernelOf(param: Message | undefined): number[] | undefined {
  const group = numberField(param, 'group') ?? 1;
  const k = numberField(param, 'kernel_size');
  const sizes = k !== undefined ? [k, k] : [numberField(param, 'kernel_h'), numberField(param, 'kernel_w')];
  return group === 1 && sizes.every((s) => s !== undefined && Number.isInteger(s) && s > 0) ? (sizes as number[]) : undefined;
}

function merge(inputs: Chain[], step: Layer, residual: boolean): Chain {
  return extend(longest(inputs), [step], residual || inputs.some((c) => c.residual));
}

export function parseCaffe(root: Message, lines: LineIndex, maxLayers = MAX_LAYERS): DocumentModel {
  const ctx: Context = { lines, activations: [] };
  const blobs = new Map<string, Chain>();
  const consumed = new Set<string>();
  const stacks: LayerStack[] = [];
  const losses: LossUse[] = [];
  const netName = scalarField(root, 'name')?.text ?? 'net';
  const layerFields = [...fieldsNamed(root, 'layer'), ...fieldsNamed(root, 'layers')].sort((a, b) => a.from - b.from);
  if (layerFields.length > maxLayers) throw new TooManyLayers(maxLayers);
  const lossLayers: { name: string; range: LayerStack['range']; chain: Chain; loss?: LossUse }[] = [];
  for (const f of layerFields) {
    const msg = f.message;
    const typed = msg && typeOf(msg);
    if (!msg || !typed) continue;
    const { type, field } = typed;
    const bottoms = fieldsNamed(msg, 'bottom').map((b) => b.scalar?.text).filter((b): b is string => b !== undefined);
    const tops = fieldsNamed(msg, 'top').map((t) => t.scalar?.text).filter((t): t is string => t !== undefined);
    const range = lines.range(field.from, field.to);
    const written = new Set(tops);
    for (const b of bottoms) if (!written.has(b)) consumed.add(b);
    if (DATA_TYPES.has(type)) {
      for (const t of tops) blobs.set(t, EMPTY_CHAIN);
      continue;
    }
    if (SINKS.has(type)) continue;
    const input = blobs.get(bottoms[0]) ?? EMPTY_CHAIN;
    const spec = LOSSES[type];
    if (spec || type.endsWith('Loss')) {
      const loss: LossUse | undefined = spec && { name: field.scalar!.text, ...spec, framework: 'config', range };
      if (loss) losses.push(loss);
      lossLayers.push({ name: scalarField(msg, 'name')?.text ?? type, range, chain: input, loss });
      continue;
    }
    let out: Chain;
    if (type === 'Eltwise' || type === 'Concat') {
      const inputs = bottoms.map((b) => blobs.get(b)).filter((c): c is Chain => c !== undefined);
      const operation = scalarField(messageField(msg, 'eltwise_param'), 'operation')?.text ?? 'SUM';
      const sum = type === 'Eltwise' && operation === 'SUM';
      out = merge(inputs, layer(sum ? 'residual' : 'unknown', field.scalar!.text, range), sum);
    } else {
      const own = layersOf(ctx, type, msg, field);
      out = extend(input, own);
    }
    for (const t of tops) blobs.set(t, out);
  }
  // A single stack is the net: its findings point at the net's `name:`; several are told apart by their loss layers.
  const nameField = root.fields.find((f) => f.name === 'name' && f.scalar);
  const netRange = nameField && lines.range(nameField.from, nameField.to);
  for (const l of lossLayers) {
    if (!l.chain.length) continue;
    stacks.push({
      framework: 'config', name: lossLayers.length > 1 ? `${netName} → ${l.name}` : netName,
      range: lossLayers.length > 1 ? l.range : netRange ?? l.range,
      layers: chainLayers(l.chain), ...(l.loss ? { loss: l.loss } : {}), ...(l.chain.residual ? { residual: true } : {}),
    });
  }
  if (!lossLayers.length) {
    for (const [blob, chain] of blobs) {
      if (consumed.has(blob) || !chain.length) continue;
      const range = lastLayer(chain)!.range;
      stacks.push({ framework: 'config', name: `${netName} → ${blob}`, range, layers: chainLayers(chain), ...(chain.residual ? { residual: true } : {}) });
    }
  }
  const activations = ctx.activations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { stacks, activations, losses, syntax: 'prototxt' };
}
