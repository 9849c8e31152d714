// The module's statements, parsed piece by piece (chunks.ts). A UnitCache keeps the pieces of one
// document's last parse by their text, so that parsing the next version converts only the pieces
// an edit touched; a kept piece that moved is shifted to its new offset. The result is the same
// tree a parse without the cache builds: each piece parses the same wherever it stands.

import { MAX_STATEMENT_CHARS } from '../../analysis/limits';
import type { Span, Stmt } from './ast';
import { topLevelChunks } from './chunks';
import { parseUnit } from './syntax';

interface Unit { base: number; stmts: Stmt[] }

/** The parsed pieces of one document's last version; holds no more than that version's tree. */
export class UnitCache {
  private units = new Map<string, Unit[]>();

  /** A piece of the last version with this text (each one given out once per parse). */
  take(text: string): Unit | undefined {
    return this.units.get(text)?.pop();
  }

  /** Keeps only the pieces of the version just parsed. */
  replace(units: Map<string, Unit[]>): void {
    this.units = units;
  }
}

/**
 * Parses `text` into statements, piece by piece, leaving out those over MAX_STATEMENT_CHARS (their
 * spans go to `omitted`, when given); never throws.
 */
export function parseModule(text: string, cache?: UnitCache, omitted?: Span[]): Stmt[] {
  const starts = topLevelChunks(text);
  const kept = new Map<string, Unit[]>();
  const words = new Map<string, string>();
  const out: Stmt[] = [];
  for (let i = 0; i < starts.length; i++) {
    const base = starts[i];
    const piece = text.slice(base, i + 1 < starts.length ? starts[i + 1] : text.length);
    let unit = cache?.take(piece);
    if (unit && unit.base !== base) {
      shift(unit.stmts, base - unit.base);
      unit.base = base;
    }
    const oversized = piece.length > MAX_STATEMENT_CHARS;
    if (oversized) omitted?.push({ from: base, to: base + piece.length });
    unit ??= { base, stmts: oversized ? [] : parseUnit(piece, base, words) };
    if (cache) {
      const same = kept.get(piece);
      if (same) same.push(unit);
      else kept.set(piece, [unit]);
    }
    for (const s of unit.stmts) out.push(s);
  }
  cache?.replace(kept);
  return out;
}

/** Moves every span in a tree of plain objects by `delta` (each node is reachable once: the tree shares none). */
function shift(node: unknown, delta: number): void {
  if (Array.isArray(node)) {
    for (const item of node) shift(item, delta);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.from === 'number' && typeof o.to === 'number') {
    o.from += delta;
    o.to += delta;
  }
  for (const key in o) {
    const v = o[key];
    if (v !== null && typeof v === 'object') shift(v, delta);
  }
}
