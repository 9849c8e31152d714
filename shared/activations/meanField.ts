// Init-aware gradient estimate through a layer stack at initialisation: mean-field signal
// propagation (Poole et al. 2016; Schoenholz et al. 2017) with finite-width corrections, measured
// against PyTorch in scripts/measure/gradients.py.
//
// Forward, per layer: the pre-activation z = b + ζ has its bias b from the initialiser (uniform for
// PyTorch's default) and ζ ~ N(0, v) with v = σ_w²·Σ_{fan_in} x_j² (initPreactivation.ts).
// Backward, per sample, the squared gradient norm is split in two (S and B below):
// - S, its component along the tensor's own direction (the weighted part ζ for a pre-activation).
//   Through W^T it is exact, not random: (W x̂)·g = ζ·g/|x|, so it follows the forward signal,
//   which decays more slowly than a random direction where an activation shrinks (hardshrink,
//   silu at He init). It starts at 1/width of the upstream gradient.
// - B, the rest, which W^T scales by σ_w²·fan_in and an activation by E[f'²], corrected for the
//   share of Σ f'² that S already takes.
// At finite width v differs from sample to sample (initSampleGrid.ts); the expectations run over
// that distribution, and the slope of one layer is correlated with the next v through the units
// they share (the "tilted" transition below).
//
// Normalization: LayerNorm divides by the sample's standard deviation over units and removes the
// gradient along its input's direction; BatchNorm (batch statistics) divides by the unit's standard
// deviation over the batch, which excludes the mean: the reason gradients grow through BN-ReLU
// stacks (Yang et al. 2019). Residual blocks add the branch's gradient gain to the identity path;
// branches are evaluated at infinite width.
import { biasVariance } from './initPreactivation';
import type { ResolvedActivation, TensorMoments } from './initMoments';
import { momentsAt } from './initMomentTable';
import { describeBias, initialization, type BiasDistribution, type InitSpec } from './initSchemes';
import { nextGrid, pointGrid, pull, push, transition, type SampleGrid, type StepMoments } from './initSampleGrid';
import { getActivation, resolveParams } from './registry';

// Callers build stacks from these; re-exported so that this module is the whole public API.
export { NAMED_INITS, describeInit, describeWeight, initialization, isInitName } from './initSchemes';
export type { BiasInit, InitName, InitSpec, WeightInit } from './initSchemes';

export interface AffineItem {
  kind: 'affine';
  /** Inputs per output (Linear in_features; Conv in_channels × kernel size). */
  fanIn: number;
  /** Outputs per input as initialisers count it (Linear out_features; Conv out_channels × kernel size). */
  fanOut: number;
  init: InitSpec;
}
export interface ActivationItem {
  kind: 'activation';
  id: string;
  params?: Record<string, number | string>;
}
export interface NormalizationItem {
  kind: 'normalization';
  type: 'batch' | 'layer';
}
export interface ResidualItem {
  kind: 'residual';
  /** Layers of the branch; the block outputs input + branch(input). */
  branch: readonly StackItem[];
}
export type StackItem = AffineItem | ActivationItem | NormalizationItem | ResidualItem;

export interface StackOptions {
  /** E[x²] of the stack's input elements, taken as i.i.d. normal (default 1). */
  inputSecondMoment?: number;
  /** Units of the input (default: the first affine's fan_in). */
  inputWidth?: number;
}

export interface ItemEstimate {
  /**
   * ‖∂L/∂(this item's input)‖ / ‖∂L/∂(stack output)‖: norms over all units, expectations over
   * samples and weights, for a random upstream gradient at the output.
   */
  gradientRatio: number;
  /** E[y²] of the item's output elements. */
  outputSecondMoment: number;
}

export interface StackEstimate {
  items: ItemEstimate[];
  /** The modelling assumptions that apply to this stack, one sentence each, to show with the figures. */
  assumptions: string[];
}

const INPUT_ASSUMPTION = 'Input elements i.i.d. normal; the upstream gradient at the output is isotropic, as from a randomly initialised output layer.';
const WEIGHT_ASSUMPTION = 'Weights independent with zero mean; only their variance enters.';
const WIDTH_ASSUMPTION = 'Finite width: the per-sample spread of the pre-activation variance and the gradient along the forward signal are included; other correlations between layers are not.';
const NORMALIZATION_ASSUMPTION = 'Normalization layers at their initial scale 1 and shift 0, BatchNorm with batch statistics (training mode), eps 1e-5.';
const RESIDUAL_ASSUMPTION = 'Residual branches evaluated at infinite width.';

function assumptions(items: readonly StackItem[]): string[] {
  const kinds = new Set<string>();
  const biases = new Set<string>();
  const visit = (list: readonly StackItem[]): void =>
    list.forEach((i) => {
      kinds.add(i.kind);
      if (i.kind === 'affine') biases.add(describeBias(i.init.bias));
      if (i.kind === 'residual') visit(i.branch);
    });
  visit(items);
  const bias = biases.size ? [`Biases ${[...biases].join('; ')}, drawn independently per unit.`] : [];
  return [
    INPUT_ASSUMPTION, WEIGHT_ASSUMPTION, ...bias, WIDTH_ASSUMPTION,
    ...(kinds.has('normalization') ? [NORMALIZATION_ASSUMPTION] : []), ...(kinds.has('residual') ? [RESIDUAL_ASSUMPTION] : []),
  ];
}

// PyTorch's LayerNorm / BatchNorm eps: the variance floor a dead input is divided by.
const NORM_EPS = 1e-5;

/** A tensor between items: the per-sample distribution of v and how its elements are made from z. */
interface Tensor {
  grid: SampleGrid;
  bias: BiasDistribution;
  /** Activations applied since the last affine or normalization. */
  chain: readonly ResolvedActivation[];
  units: number;
  /**
   * For a pre-activation (empty chain): the variance across units of the part of z that is the same
   * for every sample, the bias and W·E[x]. BatchNorm subtracts it with the batch mean.
   */
  shared: number;
}

/** Expected squared gradient components per grid point, relative to the upstream gradient. */
interface Values {
  b: Float64Array;
  s: Float64Array;
  /** b as seen from a unit weighted by the previous activation's f'² (the tilted transition). */
  bTilted: Float64Array;
}

interface Stage {
  output: Tensor;
  backward(out: Values): Values;
}

// A tensor's moments are read by the stage that makes it, the one that consumes it and the
// second-moment summary: computed once per tensor.
const tensorMomentCache = new WeakMap<Tensor, TensorMoments[]>();

function moments(t: Tensor): TensorMoments[] {
  let m = tensorMomentCache.get(t);
  if (!m) {
    m = Array.from(t.grid.v, (v) => momentsAt(t.chain, t.bias, v));
    tensorMomentCache.set(t, m);
  }
  return m;
}

function secondMoment(t: Tensor): number {
  return moments(t).reduce((sum, m, i) => sum + t.grid.mass[i] * m.y2, 0);
}

function resolveActivation(item: ActivationItem): ResolvedActivation {
  const def = getActivation(item.id);
  if (!def) throw new RangeError(`unknown activation '${item.id}'`);
  if (def.vector) throw new RangeError(`${item.id} is vector-valued: it has no per-unit slope for a gradient estimate`);
  return { def, params: resolveParams(def, item.params) };
}

function mapValues(n: number, f: (i: number) => [number, number]): Values {
  const b = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) [b[i], s[i]] = f(i);
  return { b, s, bTilted: b };
}

/** Tensor whose grid points move one to one (sorted again), masses unchanged; `order[i]` is point i's new index. */
function movedTensor(input: Tensor, v: Float64Array, units: number): { tensor: Tensor; order: Int32Array } {
  const idx = Array.from(v.keys()).sort((a, b) => v[a] - v[b]);
  const order = new Int32Array(v.length);
  idx.forEach((from, to) => (order[from] = to));
  const grid = { v: Float64Array.from(idx, (i) => v[i]), mass: Float64Array.from(idx, (i) => input.grid.mass[i]) };
  return { tensor: { grid, bias: { kind: 'zero' }, chain: [], units, shared: 0 }, order };
}

function affineStage(input: Tensor, item: AffineItem, finite: boolean): Stage {
  const { fanIn, fanOut } = item;
  const init = initialization(item.init, fanIn, fanOut);
  const sigma2 = init.weightVariance;
  const gain = sigma2 * fanIn;
  const m = moments(input);
  const n = m.length;
  const plain: StepMoments = { mean: new Float64Array(n), variance: new Float64Array(n) };
  const tilted: StepMoments = { mean: new Float64Array(n), variance: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const { y2, y4, d2, d2y2, d2y4 } = m[i];
    const termVar = Math.max(0, y4 - y2 * y2);
    plain.mean[i] = gain * y2;
    plain.variance[i] = finite ? (gain * gain * termVar) / fanIn : 0;
    // One of the fan_in units is weighted by f'² of the previous activation.
    const [ty2, ty4] = d2 > 0 ? [d2y2 / d2, d2y4 / d2] : [y2, y4];
    tilted.mean[i] = (gain * ((fanIn - 1) * y2 + ty2)) / fanIn;
    tilted.variance[i] = finite ? (gain * gain * ((fanIn - 1) * termVar + Math.max(0, ty4 - ty2 * ty2))) / (fanIn * fanIn) : 0;
  }
  const v = nextGrid(input.grid, plain);
  const step = transition(v, plain);
  const tiltedStep = input.chain.length && finite ? transition(v, tilted) : step;
  const biasVar = biasVariance(init.bias);
  const inputMean = m.reduce((sum, mi, i) => sum + input.grid.mass[i] * mi.mean, 0);
  const output: Tensor = {
    grid: { v, mass: push(input.grid.mass, step, v.length) },
    bias: init.bias,
    chain: [],
    units: fanOut,
    shared: biasVar + gain * inputMean * inputMean,
  };
  return {
    output,
    backward(out) {
      // Bulk of ∂L/∂x: σ_w²·(fan_in − 1)·‖g_y‖². Along x̂: (ζ·g_y)²/|x|², ζ the weighted part of y.
      const bulk = new Float64Array(v.length);
      const along = new Float64Array(v.length);
      for (let j = 0; j < v.length; j++) {
        const total = out.b[j] + out.s[j];
        bulk[j] = sigma2 * (fanIn - (finite ? 1 : 0)) * total;
        if (!finite) continue;
        const share = v[j] + biasVar > 0 ? v[j] / (v[j] + biasVar) : 1;
        along[j] = sigma2 * fanOut * (share * out.s[j] + (fanOut > 1 ? ((1 - share) * out.b[j]) / (fanOut - 1) : 0));
      }
      const b = pull(step, bulk, n);
      return { b, s: pull(step, along, n), bTilted: tiltedStep === step ? b : pull(tiltedStep, bulk, n) };
    },
  };
}

function activationStage(input: Tensor, item: ActivationItem, finite: boolean): Stage {
  const output: Tensor = { ...input, chain: [...input.chain, resolveActivation(item)] };
  const m = moments(output);
  const n = finite ? input.units : Infinity;
  return {
    output,
    backward(out) {
      return mapValues(m.length, (i) => {
        const { y2, d2, d2y2, sdy, s2d2, s2 } = m[i];
        // f'² over units, less the share the signal direction takes: a = Σ f'²y²/Σ y².
        const a = y2 > 0 ? d2y2 / y2 : 0;
        // One unit (a Linear(·, 1) head) has no bulk: its whole gradient is along the signal.
        const bulkSlope = !Number.isFinite(n) ? d2 : n > 1 ? (n * d2 - a) / (n - 1) : 0;
        const total = bulkSlope * out.bTilted[i] + a * out.s[i];
        if (!Number.isFinite(n) || n === 1 || s2 === 0) return [total, 0];
        // Along the input's signal s: (s·(f'⊙g))² / |s|², with s⊙f' = α·y + (part orthogonal to y).
        const alpha = y2 > 0 ? sdy / y2 : 0;
        const along = (alpha * alpha * y2 * out.s[i] + (Math.max(0, s2d2 - alpha * alpha * y2) * out.b[i]) / (n - 1)) / s2;
        return [Math.max(0, total - along), Math.min(along, total)];
      });
    },
  };
}

function layerNormStage(input: Tensor, finite: boolean): Stage {
  const variance = moments(input).map((m) => Math.max(0, m.y2 - m.mean * m.mean) + NORM_EPS);
  const keep = finite ? 1 - 1 / input.units : 1;
  return {
    output: { grid: pointGrid(1), bias: { kind: 'zero' }, chain: [], units: input.units, shared: 0 },
    // The Jacobian (I − 11ᵀ/n − ŷŷᵀ/n)/σ removes the gradient along the input's direction and mean.
    backward: (out) => mapValues(variance.length, (i) => [(keep * out.b[0]) / variance[i], 0]),
  };
}

function batchNormStage(input: Tensor): Stage {
  const m = moments(input);
  const mass = input.grid.mass;
  const average = (f: (mi: TensorMoments) => number) => m.reduce((sum, mi, i) => sum + mass[i] * f(mi), 0);
  // Per-unit variance over the batch: the batch mean is subtracted, only the spread around it is
  // divided by. A pre-activation's per-unit mean is its shared part; after an activation the
  // per-unit means are taken equal (the bias offsets they differ by are small).
  const mean = average((mi) => mi.mean);
  const y2 = average((mi) => mi.y2);
  const variance = Math.max(0, y2 - (input.chain.length ? mean * mean : input.shared)) + NORM_EPS;
  // A sample's second moment after centring: E[(y − μ)²] = E[y²] − 2μ·E[y] + μ² after an
  // activation. For a pre-activation W·x the sample's overlap with the shared part W·E[x] scales
  // with the sample like the rest, so it keeps its share.
  const v = Float64Array.from(m, (mi) =>
    input.chain.length ? Math.max(0, mi.y2 - mean * (2 * mi.mean - mean)) / variance : y2 > 0 ? (mi.y2 / y2) * (Math.max(0, y2 - input.shared) / variance) : 0,
  );
  const { tensor, order } = movedTensor(input, v, input.units);
  return {
    output: tensor,
    backward: (out) => mapValues(v.length, (i) => [out.b[order[i]] / variance, out.s[order[i]] / variance]),
  };
}

function residualStage(input: Tensor, item: ResidualItem, finite: boolean): Stage {
  const m = moments(input);
  // An empty branch is a second identity path: output 2x, gain 1.
  const branch = Array.from(input.grid.v, (v, i) => {
    const run = evaluate(item.branch, { ...input, grid: pointGrid(v) }, false);
    return { out: run.secondMoments.at(-1) ?? m[i].y2, gain: run.ratios2[0] ?? 1 };
  });
  const total = Float64Array.from(m, (mi, i) => mi.y2 + branch[i].out);
  const { tensor, order } = movedTensor(input, total, input.units);
  return {
    output: tensor,
    backward: (out) =>
      mapValues(total.length, (i) => {
        const [b, s] = [out.b[order[i]], out.s[order[i]]];
        // The identity path keeps the part of S along the input (x̂·ŷ)² = E[x²]/E[y²]; the branch adds its gain.
        const r = total[i] > 0 ? m[i].y2 / total[i] : 1;
        const chi = branch[i].gain;
        return finite ? [b + (1 - r) * s + chi * (b + s), r * s] : [(1 + chi) * (b + s), 0];
      }),
  };
}

function stage(input: Tensor, item: StackItem, finite: boolean): Stage {
  switch (item.kind) {
    case 'affine': return affineStage(input, item, finite);
    case 'activation': return activationStage(input, item, finite);
    case 'normalization': return item.type === 'layer' ? layerNormStage(input, finite) : batchNormStage(input);
    case 'residual': return residualStage(input, item, finite);
  }
}

function evaluate(items: readonly StackItem[], input: Tensor, finite: boolean): { ratios2: number[]; secondMoments: number[] } {
  const tensors: Tensor[] = [input];
  const stages = items.map((item) => {
    const s = stage(tensors[tensors.length - 1], item, finite);
    tensors.push(s.output);
    return s;
  });
  const last = tensors[tensors.length - 1];
  const n = last.grid.v.length;
  const top = finite ? 1 / last.units : 0;
  let values: Values = mapValues(n, () => [1 - top, top]);
  const ratios2 = new Array<number>(items.length);
  for (let k = stages.length - 1; k >= 0; k--) {
    values = stages[k].backward(values);
    const mass = tensors[k].grid.mass;
    let r = 0;
    for (let i = 0; i < mass.length; i++) r += mass[i] * (values.b[i] + values.s[i]);
    ratios2[k] = r;
  }
  return { ratios2, secondMoments: tensors.slice(1).map(secondMoment) };
}

/**
 * Gradient ratio at every item's input, relative to the stack's output, and the forward second
 * moments, at initialisation.
 * @throws RangeError for unknown or vector-valued activations, invalid parameters, fans or options,
 *   and for a forward signal that overflows double precision.
 */
export function estimateStack(items: readonly StackItem[], options: StackOptions = {}): StackEstimate {
  const firstAffine = items.find((i): i is AffineItem => i.kind === 'affine');
  const units = options.inputWidth ?? firstAffine?.fanIn;
  if (units === undefined) throw new RangeError('the input width is needed when the stack starts without an affine layer');
  if (!Number.isInteger(units) || units < 1) throw new RangeError(`the input width must be a positive integer, got ${units}`);
  const secondMoment = options.inputSecondMoment ?? 1;
  if (!(secondMoment >= 0 && Number.isFinite(secondMoment))) throw new RangeError(`the input second moment must be finite and non-negative, got ${secondMoment}`);
  const input: Tensor = { grid: pointGrid(secondMoment), bias: { kind: 'zero' }, chain: [], units, shared: 0 };
  const run = evaluate(items, input, true);
  if (![...run.ratios2, ...run.secondMoments].every(Number.isFinite)) {
    throw new RangeError('the forward signal or the gradient overflows double precision through this stack');
  }
  return {
    items: run.ratios2.map((r2, k) => ({ gradientRatio: Math.sqrt(r2), outputSecondMoment: run.secondMoments[k] })),
    assumptions: assumptions(items),
  };
}

/** The plain stack x → [affine → activation]×L with equal widths, as the CLI describes it. */
export function plainStack(activations: readonly ActivationItem[], init: InitSpec, width: number): StackItem[] {
  return activations.flatMap((a) => [{ kind: 'affine', fanIn: width, fanOut: width, init } as const, a]);
}

