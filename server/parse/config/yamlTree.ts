// YAML as a small tree of maps, sequences and scalars with their offsets, refused with one problem
// when it does not parse. Most model configs are read into it directly by yamlSubset.ts; the
// `yaml` package reads the rest, and its document is copied into the same tree (building the
// package's own nodes cost as much as reading a file should). Aliases are never expanded: an alias
// to a scalar reads as that scalar's value, an alias to a collection as nothing, so alias bombs
// cost nothing. Positions go through the same line index as every other parser, which counts a
// lone \r as a line break as editors do.

import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Range } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { readYamlSubset } from './yamlSubset';

/** A node, with the offsets of its text (`from` to `to`) as the `yaml` package gives them. */
export type YamlNode = YamlScalar | YamlAlias | YamlMap | YamlSeq;
interface Span { from: number; to: number }
export interface YamlScalar extends Span { kind: 'scalar'; value: unknown }
/** An alias, with the value of the scalar it names (undefined for a collection). */
export interface YamlAlias extends Span { kind: 'alias'; value: unknown }
export interface YamlPair { key: YamlNode | null; value: YamlNode | null }
export interface YamlMap extends Span { kind: 'map'; items: YamlPair[] }
export interface YamlSeq extends Span { kind: 'seq'; items: (YamlNode | null)[] }

export type YamlParse = { root: YamlNode | null } | { problem: string };

/** Model configs nest a few levels; flow collections deeper than this are refused before parsing. */
export const MAX_YAML_DEPTH = 256;

/** Offset where flow-collection nesting (`[` `{`) first exceeds the limit, quotes and comments skipped; or -1. */
function flowTooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

export function parseYaml(text: string, lines: LineIndex): YamlParse {
  const deep = flowTooDeepAt(text);
  if (deep >= 0) return { problem: `YAML nested deeper than ${MAX_YAML_DEPTH} levels (line ${lines.position(deep).line + 1})` };
  const fast = readYamlSubset(text, MAX_YAML_DEPTH);
  if (fast) return { root: fast };
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    const error = doc.errors[0];
    if (error) return { problem: `invalid YAML at line ${lines.position(error.pos[0]).line + 1}: ${error.message.split('\n')[0]}` };
    return { root: fromPackage(doc.contents) };
  } catch (e) {
    // Nesting deep enough to exhaust the parser's recursion (or the copy's).
    return { problem: e instanceof RangeError ? 'YAML nested too deeply' : `YAML not readable: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The package's document as a tree. An alias names the last node before it with its anchor, so
 * one walk in document order resolves them all (the package's own `resolve` searches the document
 * for each alias: quadratic on a file of aliases).
 */
export function fromPackage(contents: unknown): YamlNode | null {
  const anchors = new Map<string, unknown>();
  const copy = (node: unknown): YamlNode | null => {
    const r = (node as { range?: readonly number[] | null } | null)?.range;
    const from = r?.[0] ?? 0;
    const to = r?.[1] ?? 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return { kind: 'alias', value: isScalar(target) ? target.value : undefined, from, to };
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    if (isScalar(node)) return { kind: 'scalar', value: node.value, from, to };
    if (isMap(node)) return { kind: 'map', items: node.items.map((p) => ({ key: copy(p.key), value: copy(p.value) })), from, to };
    if (isSeq(node)) return { kind: 'seq', items: node.items.map(copy), from, to };
    return null;
  };
  return copy(contents);
}

export function asMap(node: YamlNode | null | undefined): YamlMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

export function asSeq(node: YamlNode | null | undefined): YamlSeq | undefined {
  return node?.kind === 'seq' ? node : undefined;
}

/** A scalar's value as text (`nn.SiLU()`, `relu`, `64`), or undefined for collections and nulls. */
export function scalarText(node: YamlNode | null | undefined): string | undefined {
  if ((node?.kind !== 'scalar' && node?.kind !== 'alias') || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function scalarNumber(node: YamlNode | null | undefined): number | undefined {
  return (node?.kind === 'scalar' || node?.kind === 'alias') && typeof node.value === 'number' ? node.value : undefined;
}

export interface YamlEntry { key: YamlScalar; value: YamlNode | null }

/** The value node of `key` in a map, and the key node (for ranges); an alias is no key. */
export function entry(map: YamlMap | undefined, key: string): YamlEntry | undefined {
  for (const pair of map?.items ?? []) {
    if (pair.key?.kind === 'scalar' && pair.key.value === key) return { key: pair.key, value: pair.value };
  }
  return undefined;
}

/** Every scalar key of a map with its first entry, for items looked up by many keys. */
export function entries(map: YamlMap): Map<unknown, YamlEntry> {
  const found = new Map<unknown, YamlEntry>();
  for (const pair of map.items) {
    if (pair.key?.kind === 'scalar' && !found.has(pair.key.value)) found.set(pair.key.value, { key: pair.key, value: pair.value });
  }
  return found;
}

export function nodeRange(lines: LineIndex, node: YamlNode | null | undefined): Range | undefined {
  return node ? lines.range(node.from, node.to) : undefined;
}

/** From the start of `key` to the end of `value`: the `activation: relu` entry. */
export function entryRange(lines: LineIndex, e: { key: YamlNode; value: YamlNode | null }): Range {
  return lines.range(e.key.from, (e.value ?? e.key).to);
}
