// Python builtins models are built with: range, len, enumerate, zip, reversed, list/tuple,
// super, getattr/setattr, and arithmetic helpers on known numbers.

import type { CallSite } from './site';
import { NONE, UNKNOWN, type Item, type Value } from './values';

/** Maximum length of a list built from range() and friends; longer ones are unknown. */
const MAX_ITEMS = 256;

/** Names of the builtins modelled here. */
export const BUILTINS = new Set(['range', 'len', 'enumerate', 'zip', 'reversed', 'list', 'tuple', 'super', 'getattr', 'setattr', 'int', 'float', 'min', 'max', 'print']);

export interface BuiltinHost {
  newList(items: Item[], tuple?: boolean): Value;
  iterate(v: Value): Item[] | undefined;
  /** `super()` inside the method being evaluated. */
  currentSuper(): Value;
  /** `getattr(obj, "name")` on an instance or a module path. */
  attributeByName(obj: Value, name: string): Value | undefined;
  write(map: Map<string, Value>, key: string, value: Value): void;
}

export function callBuiltin(h: BuiltinHost, name: string, site: CallSite): Value {
  const [a, b] = site.args;
  switch (name) {
    case 'range': {
      const nums = site.args.map((v) => (v.t === 'num' && Number.isInteger(v.v) ? v.v : undefined));
      if (nums.length === 0 || nums.some((n) => n === undefined)) return UNKNOWN;
      const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
      if (step === 0) return UNKNOWN;
      const items: Item[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (items.length >= MAX_ITEMS) return UNKNOWN;
        items.push({ value: { t: 'num', v: i }, conditional: false });
      }
      return h.newList(items);
    }
    case 'len': {
      const items = a?.t === 'list' ? a.list.items : a?.t === 'seq' ? a.seq.items : undefined;
      return items && !items.some((i) => i.conditional) ? { t: 'num', v: items.length } : UNKNOWN;
    }
    case 'enumerate': {
      const items = a ? h.iterate(a) : undefined;
      if (!items) return UNKNOWN;
      const start = b?.t === 'num' ? b.v : 0;
      return h.newList(items.map((it, i) => ({
        value: h.newList([{ value: { t: 'num', v: start + i }, conditional: false }, { value: it.value, conditional: false }], true),
        conditional: it.conditional,
      })));
    }
    case 'zip': {
      const lists = site.args.map((v) => h.iterate(v));
      if (lists.length === 0 || lists.some((l) => !l)) return UNKNOWN;
      const n = Math.min(...lists.map((l) => l!.length));
      const items: Item[] = [];
      for (let i = 0; i < n; i++) {
        items.push({
          value: h.newList(lists.map((l) => ({ value: l![i].value, conditional: false })), true),
          conditional: lists.some((l) => l![i].conditional),
        });
      }
      return h.newList(items);
    }
    case 'reversed': {
      const items = a ? h.iterate(a) : undefined;
      return items ? h.newList(items.slice().reverse()) : UNKNOWN;
    }
    case 'list': case 'tuple': {
      const items = a ? h.iterate(a) : [];
      return items ? h.newList(items.slice(), name === 'tuple') : UNKNOWN;
    }
    case 'super':
      if (a?.t === 'class' && b?.t === 'object') return { t: 'super', cls: a.cls, self: b.obj };
      return h.currentSuper();
    case 'getattr':
      return b?.t === 'str' && a ? (h.attributeByName(a, b.v) ?? site.args[2] ?? UNKNOWN) : UNKNOWN;
    case 'setattr': {
      const value = site.args[2];
      if (a?.t === 'object' && b?.t === 'str' && value) h.write(a.obj.attrs, b.v, value);
      return NONE;
    }
    case 'int': return a?.t === 'num' ? { t: 'num', v: Math.trunc(a.v) } : UNKNOWN;
    case 'float': return a?.t === 'num' ? a : UNKNOWN;
    case 'min': case 'max': {
      if (site.args.length < 2 || site.args.some((v) => v.t !== 'num')) return UNKNOWN;
      const nums = site.args.map((v) => (v as { v: number }).v);
      return { t: 'num', v: name === 'min' ? Math.min(...nums) : Math.max(...nums) };
    }
    default:
      return NONE;
  }
}
