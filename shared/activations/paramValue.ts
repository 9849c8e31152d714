import type { ParamValues } from './types';

/** A numeric parameter of resolved values; resolveParams guarantees presence and type. */
export function num(p: ParamValues, name: string): number {
  const v = p[name];
  if (typeof v !== 'number') throw new TypeError(`parameter '${name}' is ${v === undefined ? 'missing' : `not a number (${v})`}`);
  return v;
}

/** An enumerated (string) parameter of resolved values. */
export function str(p: ParamValues, name: string): string {
  const v = p[name];
  if (typeof v !== 'string') throw new TypeError(`parameter '${name}' is ${v === undefined ? 'missing' : `not a string (${v})`}`);
  return v;
}
