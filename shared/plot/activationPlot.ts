// Plot data for a set of activations over one x-range: a shared x grid (the union of each curve's
// adaptive samples, as uPlot wants aligned data), f and f' per curve, and each curve's markers.

import { getActivation, resolveParams } from '../activations';
import type { ActivationDef, ParamValues } from '../activations/types';
import type { ActivationSelection } from '../webviewMessages';
import { findMarkers, type CurveMarkers } from './markers';
import { sampleCurve } from './sample';

export const DEFAULT_RANGE: readonly [number, number] = [-6, 6];

export interface ActivationCurve {
  /** Legend label: the title plus the parameters that differ from the defaults. */
  label: string;
  f: (number | null)[];
  df: (number | null)[];
  markers: CurveMarkers;
  kinks: number[];
}

export interface ActivationPlot {
  range: [number, number];
  xs: number[];
  curves: ActivationCurve[];
}

/**
 * Softmax-like activations have no scalar f. What is drawn is their scalar slice (softmax →
 * sigmoid, log_softmax → logsigmoid): exactly one output over two logits with the other at 0.
 */
function scalarOf(def: ActivationDef, params: ParamValues): { fn: ActivationDef; fnParams: ParamValues } {
  if (!def.vector) return { fn: def, fnParams: params };
  const slice = getActivation(def.vector.sliceOf);
  if (!slice) throw new Error(`${def.id}: unknown slice "${def.vector.sliceOf}"`);
  return { fn: slice, fnParams: resolveParams(slice, {}) };
}

function label(def: ActivationDef, overrides: ParamValues): string {
  if (def.vector) return `${def.title} (2 logits, the other at 0)`;
  const set = def.params.filter((p) => overrides[p.name] !== undefined && overrides[p.name] !== p.default);
  return set.length === 0 ? def.title : `${def.title}(${set.map((p) => `${p.name}=${overrides[p.name]}`).join(', ')})`;
}

/** Merges sorted arrays into one sorted array without duplicates. */
function union(arrays: readonly number[][]): number[] {
  const all = arrays.flat().sort((a, b) => a - b);
  return all.filter((x, i) => i === 0 || x !== all[i - 1]);
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function buildActivationPlot(items: readonly ActivationSelection[], range: readonly [number, number]): ActivationPlot {
  const [lo, hi] = range;
  const sampled = items.map((item) => {
    const def = getActivation(item.id);
    if (!def) throw new Error(`unknown activation "${item.id}"`);
    const params = resolveParams(def, item.params);
    const { fn, fnParams } = scalarOf(def, params);
    const f = (x: number) => fn.f(x, fnParams);
    const df = (x: number) => fn.df(x, fnParams);
    const kinks = fn.kinks(fnParams).filter((k) => k > lo && k < hi);
    const samples = sampleCurve(f, df, { lo, hi, kinks });
    return { item, def, f, df, kinks, samples };
  });
  const xs = union(sampled.map((s) => s.samples.xs));
  return {
    range: [lo, hi],
    xs,
    curves: sampled.map(({ item, def, f, df, kinks, samples }) => ({
      label: label(def, item.params),
      f: xs.map((x) => finiteOrNull(f(x))),
      df: xs.map((x) => finiteOrNull(df(x))),
      markers: findMarkers(samples, f, df, kinks),
      kinks,
    })),
  };
}
