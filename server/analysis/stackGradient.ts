// The init-aware gradient estimate through a layer stack: the stack mapped onto the mean-field
// model (shared/activations/meanField) with the framework's default initialisation, memoised by the
// mapped items because a cold estimate takes tens of milliseconds. Stacks the model cannot represent
// (residual, recurrent, conv, unknown layers) keep the activation-only estimate and say so.

import { NAMED_INITS, describeInit, estimateStack, type InitName, type StackItem } from '../../shared/activations';
import type { ActivationUse, Framework, LayerStack } from '../model/layerStack';
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

/** Frameworks' default initialisers: PyTorch's kaiming-uniform(a=√5) with uniform bias, Glorot-uniform with zero bias elsewhere. */
const DEFAULT_INIT: Partial<Record<Framework, InitName>> = {
  pytorch: 'torch-default',
  keras: 'glorot-uniform',
  tensorflow: 'glorot-uniform',
  tfjs: 'glorot-uniform',
};

const INIT_LABEL: Record<string, string> = {
  'torch-default': 'PyTorch default init',
  'glorot-uniform': 'Glorot-uniform init (the Keras and TF.js default)',
};

interface Mapped { items: StackItem[]; activationItem: number[]; guessedWidth: boolean; init: InitName }

/** The stack up to the chain's last link as mean-field items, or undefined when a layer has no counterpart. */
function mapStack(stack: LayerStack, chain: readonly ChainLink[]): Mapped | undefined {
  const initName = DEFAULT_INIT[stack.framework];
  if (!initName || stack.residual) return undefined;
  const init = NAMED_INITS[initName];
  const links = new Map(chain.map((c, k) => [c.index, k]));
  const items: StackItem[] = [];
  const activationItem = new Array<number>(chain.length);
  let width: number | undefined;
  let guessedWidth = false;
  const last = chain[chain.length - 1].index;
  for (let i = 0; i <= last; i++) {
    const layer = stack.layers[i];
    if (layer.kind === 'linear') {
      const fanIn = layer.inFeatures ?? width ?? DEFAULT_WIDTH;
      const fanOut = layer.units ?? fanIn;
      if (layer.inFeatures === undefined && width === undefined) guessedWidth = true;
      if (layer.units === undefined) guessedWidth = true;
      items.push({ kind: 'affine', fanIn, fanOut, init });
      width = fanOut;
    } else if (layer.kind === 'normalization') {
      const type = /layer/i.test(layer.name) ? 'layer' : /batch/i.test(layer.name) ? 'batch' : undefined;
      if (!type) return undefined;
      items.push({ kind: 'normalization', type });
    } else if (layer.kind !== 'activation' && layer.kind !== 'dropout' && layer.kind !== 'reshape') {
      return undefined;
    }
    const k = links.get(i);
    if (k !== undefined) {
      activationItem[k] = items.length;
      items.push({ kind: 'activation', id: chain[k].use.id, params: { ...chain[k].use.params } });
    } else if (appliedActivation(layer)) {
      return undefined; // an activation the caller left out of the chain (a non-estimable one)
    }
  }
  if (!items.some((it) => it.kind === 'affine')) return undefined;
  return { items, activationItem, guessedWidth, init: initName };
}

const memo = new Map<string, StackGradientEstimate | undefined>();
const MEMO_LIMIT = 1024;

function initAware(mapped: Mapped, bound: number[]): StackGradientEstimate | undefined {
  const key = `${mapped.init}|${JSON.stringify(mapped.items)}|${mapped.activationItem.join(',')}|${mapped.guessedWidth}`;
  if (memo.has(key)) return memo.get(key);
  let result: StackGradientEstimate | undefined;
  try {
    const first = mapped.items.findIndex((it) => it.kind === 'affine');
    const estimate = estimateStack(mapped.items, first > 0 ? { inputWidth: DEFAULT_WIDTH } : {});
    const label = INIT_LABEL[mapped.init] ?? mapped.init;
    const notes = [
      "bound multiplies sup|f'| of every activation from that layer to the output (weights ignored)",
      `typical: mean-field estimate at initialisation under ${label} (${describeInit(NAMED_INITS[mapped.init])}), input x ~ N(0,1)`,
      ...(mapped.guessedWidth ? [`layer widths not written as literals taken as ${DEFAULT_WIDTH}`] : []),
      ...estimate.assumptions,
    ];
    result = {
      bound,
      typical: mapped.activationItem.map((k) => estimate.items[k].gradientRatio),
      init: label,
      assumptions: notes.map((n) => n.replace(/\.$/, '')).join('; ') + '.',
    };
  } catch {
    result = undefined; // overflow or a parameter the core rejects: the activation-only estimate stands
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
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
  return (mapped && initAware(mapped, fallback.bound)) ?? fallback;
}
