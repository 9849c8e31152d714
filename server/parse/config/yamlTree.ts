// YAML with node ranges (the `yaml` package's document AST), refused with one problem when it
// does not parse. Most model configs are read by yamlSubset.ts, ten times faster, into the same
// nodes; the package reads the rest. Aliases are never expanded: an alias to a scalar reads as
// that scalar, an alias to a collection as nothing, so alias bombs cost nothing. Positions go
// through the same line index as every other parser, which counts a lone \r as a line break as
// editors do.

import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { readYamlSubset } from './yamlSubset';

export type YamlParse = { doc: Document } | { problem: string };

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
  if (fast) return { doc: fast };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // Nesting deep enough to exhaust the parser's recursion.
    return { problem: e instanceof RangeError ? 'YAML nested too deeply' : `YAML not readable: ${e instanceof Error ? e.message : String(e)}` };
  }
  const error = doc.errors[0];
  if (error) return { problem: `invalid YAML at line ${lines.position(error.pos[0]).line + 1}: ${error.message.split('\n')[0]}` };
  return { doc };
}

/** The node an alias points at when it is a scalar; the node itself otherwise. */
function deref(doc: Document, node: unknown): unknown {
  if (!isAlias(node)) return node;
  const target = node.resolve(doc);
  return isScalar(target) ? target : undefined;
}

export function asMap(doc: Document, node: unknown): YAMLMap | undefined {
  const n = deref(doc, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(doc: Document, node: unknown): YAMLSeq | undefined {
  const n = deref(doc, node);
  return isSeq(n) ? n : undefined;
}

/** A scalar's value as text (`nn.SiLU()`, `relu`, `64`), or undefined for collections and nulls. */
export function scalarText(doc: Document, node: unknown): string | undefined {
  const n = deref(doc, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return String(n.value);
}

export function scalarNumber(doc: Document, node: unknown): number | undefined {
  const n = deref(doc, node);
  return isScalar(n) && typeof n.value === 'number' ? n.value : undefined;
}

/** The value node of `key` in a map, and the key node (for ranges). */
export function entry(map: YAMLMap | undefined, key: string): { key: Node; value: unknown } | undefined {
  for (const pair of map?.items ?? []) {
    if (isScalar(pair.key) && pair.key.value === key) return { key: pair.key, value: pair.value };
  }
  return undefined;
}

/** Every scalar key of a map with its first entry, for items looked up by many keys. */
export function entries(map: YAMLMap): Map<unknown, { key: Node; value: unknown }> {
  const found = new Map<unknown, { key: Node; value: unknown }>();
  for (const pair of map.items) {
    if (isScalar(pair.key) && !found.has(pair.key.value)) found.set(pair.key.value, { key: pair.key, value: pair.value });
  }
  return found;
}

export function nodeRange(lines: LineIndex, node: unknown): Range | undefined {
  const r = (node as Node | null)?.range;
  return r ? lines.range(r[0], r[1]) : undefined;
}

/** From the start of `key` to the end of `value`: the `activation: relu` entry. */
export function entryRange(lines: LineIndex, e: { key: Node; value: unknown }): Range | undefined {
  const from = e.key.range?.[0];
  const to = (e.value as Node | null)?.range?.[1] ?? e.key.range?.[1];
  return from === undefined || to === undefined ? undefined : lines.range(from, to);
}
