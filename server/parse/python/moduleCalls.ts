// The arguments module-level code passes to the file's own functions. A function evaluated on
// its own knows nothing of its parameters; where every module-level call passes the same known
// value (TF1's `conv_net(X, weights, biases, keep_prob)` with module-level weight dictionaries),
// its stack is built with that value, so that widths and initial draws are read.

import { Chain, flow, type FuncInfo, type Value } from './values';
import type { CallSite } from './site';

export class ModuleCalls {
  private readonly sites = new Map<FuncInfo, CallSite[]>();

  record(fn: FuncInfo, site: CallSite): void {
    const list = this.sites.get(fn);
    if (list) list.push(site);
    else this.sites.set(fn, [site]);
  }

  /**
   * The call to evaluate `fn` with on its own: each argument every call passes alike, data (a
   * flow, or a value the analysis does not know) as a parameter of its own. Undefined when no
   * known argument is agreed on, or a call's arguments cannot be matched up (spreads, differing
   * counts or keywords): the function is then evaluated with nothing bound, as before.
   */
  agreed(fn: FuncInfo): CallSite | undefined {
    const sites = this.sites.get(fn);
    const first = sites?.[0];
    if (!first || sites.some((s) => s.open || s.conditional.some(Boolean) || !sameShape(s, first))) return undefined;
    let known = false;
    const pick = (of: (s: CallSite) => Value): Value => {
      const v = of(first);
      if (!configuration(v) || sites.some((s) => !same(of(s), v))) return flow(Chain.start('param'));
      known = true;
      return v;
    };
    const args = first.args.map((_, i) => pick((s) => s.args[i]));
    const kwargs = new Map([...first.kwargs.keys()].map((k) => [k, pick((s) => s.kwargs.get(k)!)]));
    return known ? { ...first, args, argNodes: args.map(() => undefined), kwargs } : undefined;
  }
}

/** A value that configures a function rather than carrying its data. */
function configuration(v: Value): boolean {
  return v.t !== 'flow' && v.t !== 'unknown';
}

function sameShape(a: CallSite, b: CallSite): boolean {
  return a.args.length === b.args.length && a.kwargs.size === b.kwargs.size && [...a.kwargs.keys()].every((k) => b.kwargs.has(k));
}

function same(a: Value, b: Value): boolean {
  if (a === b) return true;
  switch (a.t) {
    case 'num': case 'bool': case 'str': return b.t === a.t && b.v === a.v;
    case 'none': return b.t === 'none';
    default: return false;
  }
}
