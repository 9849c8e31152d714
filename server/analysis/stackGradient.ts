// The init-aware gradient estimate through a layer stack: the stack mapped onto the mean-field
// model (shared/activations/meanField) with the initialisation each affine layer gets (the one the
// code sets, Layer.init, else the framework's default), memoised by the mapped items because a
// cold estimate takes tens of milliseconds. A convolution is an affine layer with fan-in
// in-channels × kernel elements: for the diagonal of the covariance, which the gradient norm
// follows at initialisation, mean-field theory for CNNs (Xiao et al. 2018) gives the dense
// recursion with that fan-in (measured in scripts/measure/conv_gradients.py). Dense stacks the
// model cannot represent (recurrent, unknown layers) keep the activation-only estimate and say so.
// No figure at all for a stack whose code sets an initialiser the analysis cannot read (the figure
// depends on it as much as on the activations), nor for a conv stack with a layer the model does
// not cover (max pooling, a kernel size not written): the activation-only product is the figure
// issue #12 showed wrong, and a default would be a guess presented as a measurement.

import { NAMED_INITS, describeWeight, estimateStack, plainStack, type InitName, type InitSpec, type StackEstimate, type StackItem } from '../../shared/activations';
import type { ActivationUse, Framework, InitSetting, Layer, LayerStack } from '../model/layerStack';
import { estimable, estimateChain } from '../rules/gradientChain';
import { appliedActivation } from '../rules/stackShape';

export interface ChainLink { index: number; use: ActivationUse }

export interface StackGradientEstimate {
  /** Per chain link, the product of sup|f'| from it to the last link. */
  bound: number[];
  /** Per chain link, ‖∂L/∂(its input)‖ / ‖∂L/∂(last link's output)‖ at initialisation. */
  typical: number[];
  /** The initialisation assumed, in words; absent for the activation-only estimate. */
  init?: string;
  assumptions: string;
}

/** Width assumed for an affine layer whose sizes the code does not state as literals. */
export const DEFAULT_WIDTH = 128;

/**
 * Fewest out-channels of a hidden conv a figure is given for: measured within 1.25x of PyTorch at
 * 16 and 32 channels, off by up to 1.55x at 8 (ReLU at depth 5-6), beyond the 1.5x asked of every figure.
 */
const MIN_CONV_CHANNELS = 16;

/** Frameworks' default initialisers: PyTorch's kaiming-uniform(a=√5) with uniform bias, Glorot-uniform with zero bias elsewhere. */
const DEFAULT_INIT: Partial<Record<Framework, InitName>> = {
  pytorch: 'torch-default',
  keras: 'glorot-uniform',
  tensorflow: 'glorot-uniform',
  tfjs: 'glorot-uniform',
};

const DEFAULT_LABEL: Record<string, { whole: string; weight: string; bias: string }> = {
  'torch-default': { whole: 'PyTorch default init', weight: 'PyTorch default weights', bias: 'PyTorch default bias' },
  'glorot-uniform': { whole: 'Glorot-uniform init (the Keras and TF.js default)', weight: 'Glorot uniform (the default)', bias: 'zero bias' },
};

/** The initialisation of one affine layer: what the estimate uses, and where the code set it. */
interface AffineInit {
  spec: InitSpec;
  weight?: InitSetting<unknown>;
  bias?: InitSetting<unknown>;
}

interface Mapped { items: StackItem[]; activationItem: number[]; guessedWidth: boolean; guessedChannels: boolean; conv: boolean; defaultInit: InitName; inits: AffineInit[] }

/** Why a stack gets no figure at all: "not made: …". */
interface NoFigure { reason: string }

function lineOf(layer: Layer): number {
  return layer.range.start.line + 1;
}

function unreadable(setting: InitSetting<unknown>): NoFigure {
  return { reason: `not made: the initialisation at line ${setting.range.start.line + 1} (${setting.label}) is not one the estimate reads, and the figures depend on it.` };
}

/** Why the mean-field model does not cover `layer` of a conv stack. */
function unmodelledInConvStack(layer: Layer): NoFigure {
  const why = layer.kind === 'conv'
    ? 'has no kernel size the estimate reads (literals, an ungrouped, non-transposed convolution)'
    : layer.kind === 'pooling'
      ? 'pools neighbouring positions, which the estimate does not model (max pooling is a nonlinearity of its own)'
      : layer.kind === 'linear'
        ? 'follows the convolutions without its input size written'
        : 'is not a layer the estimate models';
  return { reason: `not made: ${layer.name} at line ${lineOf(layer)} ${why}, and a product that ignores the weights can be off several-fold.` };
}

/** Fan-in, fan-out and output width of an affine (dense or conv) layer, and whether a width was guessed. */
function affineShape(layer: Layer, width: number | undefined): { fanIn: number; fanOut: number; out: number; guessed: boolean } | undefined {
  if (layer.kind === 'linear') {
    const fanIn = layer.inFeatures ?? width ?? DEFAULT_WIDTH;
    const fanOut = layer.units ?? fanIn;
    return { fanIn, fanOut, out: fanOut, guessed: (layer.inFeatures === undefined && width === undefined) || layer.units === undefined };
  }
  if (!layer.kernelSize) return undefined;
  // In-channels as written, else the previous layer's out-channels, else equal to the out-channels.
  const cIn = layer.inFeatures ?? width ?? layer.units ?? DEFAULT_WIDTH;
  const cOut = layer.units ?? cIn;
  const taps = layer.kernelSize.reduce((a, b) => a * b, 1);
  // The initialisers' fans; the finite-width terms take them as the width too (measured: within
  // 1.2x at 16 and 32 channels, where a conv output's channels × positions would drop those terms).
  return { fanIn: cIn * taps, fanOut: cOut * taps, out: cOut, guessed: (layer.inFeatures === undefined && width === undefined) || layer.units === undefined };
}

/**
 * The stack up to the chain's last link as mean-field items; undefined when a layer of a dense
 * stack has no counterpart (the activation-only estimate stands), NoFigure when no figure should.
 */
function mapStack(stack: LayerStack, chain: readonly ChainLink[]): Mapped | NoFigure | undefined {
  const defaultInit = DEFAULT_INIT[stack.framework];
  if (!defaultInit || stack.residual) return undefined;
  const fallback = NAMED_INITS[defaultInit];
  const links = new Map(chain.map((c, k) => [c.index, k]));
  const items: StackItem[] = [];
  const inits: AffineInit[] = [];
  const activationItem = new Array<number>(chain.length);
  let width: number | undefined;
  let guessedWidth = false;
  let guessedChannels = false;
  const last = chain[chain.length - 1].index;
  const convStack = stack.layers.slice(0, last + 1).some((l) => l.kind === 'conv');
  let afterConv = false;
  const unmodelled = (layer: Layer) => (convStack ? unmodelledInConvStack(layer) : undefined);
  for (let i = 0; i <= last; i++) {
    const layer = stack.layers[i];
    if (layer.kind === 'linear' || layer.kind === 'conv') {
      const { weight, bias } = layer.init ?? {};
      if (weight && !weight.init) return unreadable(weight);
      if (bias && !bias.init) return unreadable(bias);
      // A dense layer after convolutions reads channels × positions, a size the code must state.
      if (layer.kind === 'linear' && afterConv && layer.inFeatures === undefined) return unmodelled(layer);
      const shape = affineShape(layer, layer.kind === 'linear' && afterConv ? undefined : width);
      if (!shape) return unmodelled(layer);
      // The deviation grows with the narrow layers the gradient passes: a narrow output conv (one
      // channel, a head like Linear(·, 1)) feeds only the last link.
      const hidden = stack.layers.slice(i + 1, last + 1).some((l) => l.kind === 'conv' || l.kind === 'linear');
      if (layer.kind === 'conv' && hidden && shape.out < MIN_CONV_CHANNELS) {
        return { reason: `not made: ${layer.name} at line ${lineOf(layer)} has ${shape.out} channels; below ${MIN_CONV_CHANNELS} the estimate was measured off by more than 1.5x.` };
      }
      if (layer.kind === 'conv') guessedChannels ||= shape.guessed;
      else guessedWidth ||= shape.guessed;
      const spec: InitSpec = { weight: weight?.init ?? fallback.weight, bias: bias?.init ?? fallback.bias };
      inits.push({ spec, weight, bias });
      items.push({ kind: 'affine', fanIn: shape.fanIn, fanOut: shape.fanOut, init: spec });
      width = shape.out;
      afterConv = layer.kind === 'conv';
    } else if (layer.kind === 'normalization') {
      const type = /layer/i.test(layer.name) ? 'layer' : /batch/i.test(layer.name) ? 'batch' : undefined;
      if (!type) return unmodelled(layer);
      items.push({ kind: 'normalization', type });
    } else if (layer.kind !== 'activation' && layer.kind !== 'dropout' && layer.kind !== 'reshape') {
      return unmodelled(layer);
    }
    const k = links.get(i);
    if (k !== undefined) {
      activationItem[k] = items.length;
      items.push({ kind: 'activation', id: chain[k].use.id, params: { ...chain[k].use.params } });
    } else if (appliedActivation(layer)) {
      return undefined; // an activation the caller left out of the chain (a non-estimable one)
    }
  }
  if (inits.length === 0) return undefined;
  return { items, activationItem, guessedWidth, guessedChannels, conv: convStack, defaultInit, inits };
}

/** "line 12", "lines 12 and 14", "lines 12, 14 and 16", "lines 12–30". */
function lines(list: readonly number[]): string {
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  if (sorted.length === 1) return `line ${sorted[0]}`;
  if (sorted.length > 3) return `lines ${sorted[0]}–${sorted[sorted.length - 1]}`;
  return `lines ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

function biasLabel(label: string): string {
  return label === 'zeros' ? 'zero bias' : `bias ${label}`;
}

/**
 * The initialisation in words: the framework default's name, or per group of layers initialised
 * alike what the code sets and where ("He normal (from kernel_initializer, lines 12–20), zero bias").
 */
function initLabel(mapped: Mapped): string {
  const names = DEFAULT_LABEL[mapped.defaultInit];
  if (mapped.inits.every((i) => !i.weight && !i.bias)) return names.whole;
  const groups = new Map<string, { weight: number[]; bias: number[] }>();
  for (const { weight, bias } of mapped.inits) {
    const key = [weight?.label, weight?.source, bias?.label, bias?.source].join('\u0000');
    const group = groups.get(key) ?? { weight: [], bias: [] };
    if (weight) group.weight.push(weight.range.start.line + 1);
    if (bias) group.bias.push(bias.range.start.line + 1);
    groups.set(key, group);
  }
  return [...groups].map(([key, at]) => {
    const [weightLabel, weightSource, bias, biasSource] = key.split('\u0000');
    const w = at.weight.length ? `${weightLabel} (from ${weightSource}, ${lines(at.weight)})` : names.weight;
    const b = at.bias.length ? `${biasLabel(bias)} (from ${biasSource}, ${lines(at.bias)})` : names.bias;
    return `${w}, ${b}`;
  }).join('; ');
}

/** Capitalised, with a full stop. */
function sentence(text: string): string {
  const s = text.replace(/^./, (c) => c.toUpperCase());
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

// Estimates by the mapped items alone: an edit that only moves the stack (or the lines its
// initialisers are set on) changes the label, not the figures.
const memo = new Map<string, StackEstimate | undefined>();
const MEMO_LIMIT = 1024;

function estimateItems(items: readonly StackItem[]): StackEstimate | undefined {
  const key = JSON.stringify(items);
  if (memo.has(key)) return memo.get(key);
  let estimate: StackEstimate | undefined;
  try {
    const first = items.findIndex((it) => it.kind === 'affine');
    estimate = estimateStack(items, first > 0 ? { inputWidth: DEFAULT_WIDTH } : {});
  } catch {
    estimate = undefined; // overflow or a parameter the core rejects: the activation-only estimate stands
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, estimate);
  return estimate;
}

function initAware(mapped: Mapped, bound: number[]): StackGradientEstimate | undefined {
  const estimate = estimateItems(mapped.items);
  if (!estimate) return undefined;
  const label = initLabel(mapped);
  const specs = [...new Set(mapped.inits.map((i) => describeWeight(i.spec.weight)))];
  const notes = [
    "bound multiplies sup|f'| of every activation from that layer to the output (weights ignored)",
    `typical: mean-field estimate at initialisation under ${label} (${specs.join('; ')}), input x ~ N(0,1)`,
    ...(mapped.guessedWidth ? [`layer widths not written as literals taken as ${DEFAULT_WIDTH}`] : []),
    ...(mapped.conv ? ['convolutions as affine layers with fan-in in-channels × kernel elements (mean-field theory for CNNs, Xiao et al. 2018), borders and spatial correlations between positions ignored'] : []),
    ...(mapped.guessedChannels ? [`conv channels not written as literals taken equal to the neighbouring layer's (${DEFAULT_WIDTH} when none is written)`] : []),
    ...estimate.assumptions,
  ];
  return {
    bound,
    typical: mapped.activationItem.map((k) => estimate.items[k].gradientRatio),
    init: label,
    assumptions: notes.map(sentence).join(' '),
  };
}

/**
 * Why a stack has no figure though its activations are estimable: an initialiser the code sets
 * that the estimate cannot read ("the initialisation at line 38 (kernel_initializer=my_init) …"),
 * or a layer of a conv stack the model does not cover ("MaxPool2d at line 12 pools …").
 */
export function whyNoFigure(stack: LayerStack, chain: readonly ChainLink[]): string | undefined {
  if (stack.residual || chain.length === 0) return undefined;
  const mapped = mapStack(stack, chain);
  return mapped && 'reason' in mapped ? mapped.reason : undefined;
}

/**
 * Estimates through the chain of activations `chain` (forward order) of `stack`, relative to the
 * last one's output: init-aware where the stack maps onto the mean-field model, else the
 * activation-only product (its assumptions say which). Undefined when a link is not estimable.
 */
export function stackGradient(stack: LayerStack, chain: readonly ChainLink[]): StackGradientEstimate | undefined {
  // Skip connections carry the gradient around each block, so a product through the layers would
  // understate it by orders of magnitude (BERT's 12 blocks: 2e-4): no figure is better than that one.
  if (stack.residual) return undefined;
  if (chain.length === 0 || !chain.every((c) => estimable(c.use))) return undefined;
  const fallback = estimateChain(chain.map((c) => c.use));
  if (!fallback) return undefined;
  const mapped = mapStack(stack, chain);
  if (mapped && 'reason' in mapped) return undefined;
  return (mapped && initAware(mapped, fallback.bound)) ?? fallback;
}

// The first estimate in a process spends most of its time compiling the estimator, and a stack's
// first estimate fills the moment lattice for its activations and biases. A language server runs
// these at start, one small stack per tick, so that neither falls on the first edit.
const WARM_UP: readonly [string, InitName][] = [
  ['tanh', 'torch-default'], ['relu', 'torch-default'], ['sigmoid', 'torch-default'], ['gelu', 'torch-default'],
  ['tanh', 'glorot-uniform'], ['relu', 'glorot-uniform'], ['sigmoid', 'glorot-uniform'],
];

/** Estimates a few common three-layer stacks (width DEFAULT_WIDTH), each in its own `schedule`d step. */
export function warmUpEstimates(schedule: (step: () => void) => void = setImmediate): void {
  const next = (i: number): void => {
    if (i >= WARM_UP.length) return;
    schedule(() => {
      const [id, init] = WARM_UP[i];
      estimateStack(plainStack([{ kind: 'activation', id }, { kind: 'activation', id }, { kind: 'activation', id }], NAMED_INITS[init], DEFAULT_WIDTH));
      next(i + 1);
    });
  };
  next(0);
}
