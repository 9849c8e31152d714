// A call being evaluated: its syntax and its argument values.

import type { Arg, CallExpr, Expr, Span } from './ast';
import type { Value } from './values';

export interface CallSite {
  node: CallExpr;
  args: Value[];
  /** The expression of each positional argument (undefined for elements of a `*list`). */
  argNodes: (Expr | undefined)[];
  /** Per positional argument: it came from a `*list` element added under an undecided condition. */
  conditional: boolean[];
  kwargs: ReadonlyMap<string, Value>;
  kwArgs: ReadonlyMap<string, Arg>;
  /** The call spreads `**mapping` or a `*list` of unknown length: a parameter it does not name may still be bound. */
  open?: boolean;
}

/** Argument `index` or keyword `name`, whichever the call passed. */
export function argument(site: CallSite, index: number, ...names: string[]): Value | undefined {
  for (const n of names) {
    const v = site.kwargs.get(n);
    if (v) return v;
  }
  return site.args[index];
}

/** Span of argument `index` or keyword `name` (value only). */
export function argumentNode(site: CallSite, index: number, ...names: string[]): Expr | undefined {
  for (const n of names) {
    const a = site.kwArgs.get(n);
    if (a) return a.value;
  }
  return site.argNodes[index];
}

/** Span of the whole argument, keyword included (`activation="relu"`). */
export function argumentSpan(site: CallSite, index: number, ...names: string[]): Span | undefined {
  for (const n of names) {
    const a = site.kwArgs.get(n);
    if (a) return a;
  }
  const positional = site.node.args.filter((a) => !a.name && !a.star);
  return positional[index];
}

/** The data a layer or function is applied to: the first argument, or `input=`/`x=`/`inputs=`. */
export function dataArg(site: CallSite): Value | undefined {
  return argument(site, 0, 'input', 'inputs', 'x');
}
