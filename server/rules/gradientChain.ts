// The core's gradient estimate over a chain of activation uses, limited to what it can estimate:
// scalar activations it knows, with literal parameters.

import type { ActivationUse } from '../model/layerStack';
import { getActivation, gradientEstimate } from '../../shared/activations';

export type ChainEstimate = ReturnType<typeof gradientEstimate>;

/** Whether the per-unit estimate can pass through `use` (softmax has no per-unit slope; unknown ids and non-literal parameters have no numbers). */
export function estimable(use: ActivationUse): boolean {
  const def = getActivation(use.id);
  return def !== undefined && def.vector === undefined && !use.unknownParams?.length;
}

/** Estimates by chain (ids and parameters): models repeat the same few chains many times. */
const memo = new Map<string, ChainEstimate | undefined>();
const MEMO_LIMIT = 4096;

function compute(uses: readonly ActivationUse[]): ChainEstimate | undefined {
  if (!uses.every(estimable)) return undefined;
  try {
    return gradientEstimate(uses.map((u) => ({ id: u.id, params: { ...u.params } })));
  } catch {
    return undefined; // a parameter value the core rejects (ParamError): no numbers to show
  }
}

/** Cumulative estimates from the last use back to each one; undefined when a use is not estimable or its parameters are invalid. */
export function estimateChain(uses: readonly ActivationUse[]): ChainEstimate | undefined {
  if (uses.length === 0) return undefined;
  const key = uses.map((u) => `${u.id}${JSON.stringify(u.params)}${u.unknownParams?.length ? '?' : ''}`).join('|');
  if (memo.has(key)) return memo.get(key);
  const estimate = compute(uses);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, estimate);
  return estimate;
}
