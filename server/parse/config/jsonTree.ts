// JSON with offsets (jsonc-parser), refused with one problem when it is invalid or nested past any
// real model file: jsonc-parser recurses per nesting level and would overflow the stack.

import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Range } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';

/** Keras nests a model inside a model inside a layer list a dozen levels deep; 256 is far beyond it. */
export const MAX_JSON_DEPTH = 256;

export type JsonParse = { root: Node } | { problem: string };

/** Offset where bracket nesting first exceeds `limit` (strings skipped), or -1. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return i;
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return -1;
}

export function parseJson(text: string, lines: LineIndex): JsonParse {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) return { problem: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (line ${lines.position(deep).line + 1})` };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) return { problem: `invalid JSON at line ${lines.position(first.offset).line + 1}: ${printParseErrorCode(first.error)}` };
  return root ? { root } : { problem: 'empty JSON document' };
}

/** The property node `key` of an object node. */
export function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === key);
}

/** The value of property `key` of an object node. */
export function member(node: Node | undefined, key: string): Node | undefined {
  return property(node, key)?.children?.[1];
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function numberValue(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

/** A literal value (string, number, boolean, null), or undefined for objects and arrays. */
export function primitive(node: Node | undefined): string | number | boolean | null | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
  return node.value as string | number | boolean | null;
}

export function elements(node: Node | undefined): Node[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}

export function rangeOf(lines: LineIndex, node: Node): Range {
  return lines.range(node.offset, node.offset + node.length);
}

/** The source text of a node: a string value with its quotes, as written. */
export function sourceOf(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}
