// A fast reader for the YAML model configs are written in, building the tree of yamlTree.ts with
// the values and offsets the `yaml` package's parseDocument gives. The package reads ~1 MB of YOLO
// rows per second, too slow while typing in a large file; this reads block maps and sequences by
// their indentation, flow collections, one-line plain and quoted scalars, and comments, in one
// pass. Anything else (anchors, aliases, tags, block or multi-line scalars, escapes, directives,
// several documents, tabs, CR line ends, anything invalid) returns undefined and the package reads
// the document, so its errors and its rarer features stay as they were.

import { Document, isScalar, type ScalarTag } from 'yaml';
import type { YamlMap, YamlNode, YamlScalar, YamlSeq } from './yamlTree';

/** Thrown on input outside the subset. */
const UNSUPPORTED = Symbol('unsupported');
function unsupported(): never {
  throw UNSUPPORTED;
}

const TEMPLATE = new Document();
/** The core schema's scalar tags (null, bool, int, float), tried in the package's order: plain scalars mean what they mean to the package. */
const TAGS = TEMPLATE.schema.tags.filter((t): t is ScalarTag => t.default === true && !t.collection && t.test !== undefined);
/** Characters that cannot start a plain scalar (`-`, `?`, `:` are checked apart). */
const INDICATORS = new Set([...',[]{}#&*!|>\'"%@`']);
const FLOW_ENDS = new Set([...',[]{}']);

/** A line's first content character and its column. */
interface Line { at: number; indent: number }

class Reader {
  /** Start of the next line to read. */
  private i = 0;
  /** Resolved plain scalars: a config repeats the same few (`-1`, `Conv`, `relu`). */
  private readonly resolved = new Map<string, unknown>();
  /** Indentation of the block collection holding the flow collection being read. */
  private blockIndent = 0;
  /**
   * Where the node just read ends for the package: past the comment and line break after a value
   * on its line, at its last item's end for a block collection, at itself for an empty value. A
   * block collection's end is its last item's.
   */
  private end = 0;

  /** The last `content` answer: every enclosing collection asks it again for the same line. */
  private last: { from: number; found: Line | undefined; comments: boolean } = { from: -1, found: undefined, comments: false };

  constructor(private readonly text: string, private readonly maxDepth: number) {}

  document(): YamlNode {
    const first = this.content(0);
    if (!first) unsupported();
    const root = this.blockNode(first.at, first.indent, -1, 0);
    if ((root.kind !== 'map' && root.kind !== 'seq') || this.content(this.i)) unsupported();
    return root;
  }

  /** The first content character at or after the line starting at `from`, past blank and comment lines. */
  private content(from: number): Line | undefined {
    if (this.last.from !== from) this.scan(from);
    return this.last.found;
  }

  /**
   * Comment lines between two lines of content belong to the package's nodes in ways that move
   * where collections end: only comments indented no deeper than the next content (at the end,
   * at column 0) are read, where they belong to no node before them.
   */
  private scan(from: number): void {
    const t = this.text;
    let commentIndent = -1;
    let found: Line | undefined;
    for (let p = from; p < t.length && !found;) {
      let q = p;
      while (t.charCodeAt(q) === 32) q++;
      if (q === t.length) break;
      const c = t[q];
      if (c === '\n') {
        p = q + 1;
      } else if (c === '#') {
        commentIndent = Math.max(commentIndent, q - p);
        const nl = t.indexOf('\n', q);
        p = nl < 0 ? t.length : nl + 1;
      } else {
        if (q === p && (c === '%' || t.startsWith('---', q) || t.startsWith('...', q))) unsupported();
        found = { at: q, indent: q - p };
      }
    }
    if (commentIndent > (found?.indent ?? 0)) unsupported();
    this.last = { from, found, comments: commentIndent >= 0 };
  }

  private isSeqIndicator(p: number): boolean {
    const next = this.text[p + 1];
    return this.text[p] === '-' && (next === undefined || next === ' ' || next === '\n');
  }

  /** After a value ending at `p`: spaces, an optional comment, the line end; returns the next line's start. */
  private lineEnd(p: number): number {
    const t = this.text;
    const from = p;
    while (t.charCodeAt(p) === 32) p++;
    if (t[p] === '#' && p > from) {
      const nl = t.indexOf('\n', p);
      return nl < 0 ? t.length : nl + 1;
    }
    if (p === t.length) return p;
    if (t[p] !== '\n') unsupported();
    return p + 1;
  }

  /** A node starting a line indented `indent`, inside a block collection indented `parent`. */
  private blockNode(at: number, indent: number, parent: number, depth: number): YamlNode {
    if (depth > this.maxDepth) unsupported();
    if (this.isSeqIndicator(at)) return this.blockSeq(at, indent, depth);
    if (this.keyColon(at) >= 0) return this.blockMap(at, indent, depth);
    return this.inline(at, parent);
  }

  /**
   * The value after `-` or `key:` at `p`: on the same line, on the lines below (indented past
   * `indent`, or a sequence at `indent` after a key), or empty: a null where the line's text ends.
   */
  private valueAfter(start: number, indent: number, inMap: boolean, depth: number, commentBefore = false): YamlNode {
    const t = this.text;
    let p = start;
    while (t.charCodeAt(p) === 32) p++;
    if (p < t.length && t[p] !== '\n' && t[p] !== '#') {
      if (this.isSeqIndicator(p)) unsupported();
      // `- key: value` opens a map at the key's column; `key: a: b` is no YAML.
      return !inMap && this.keyColon(p) >= 0 ? this.blockMap(p, p - t.lastIndexOf('\n', p) - 1, depth + 1) : this.inline(p, indent);
    }
    const next = this.lineEnd(start);
    const below = this.content(next);
    if (below && (below.indent > indent || (inMap && below.indent === indent && this.isSeqIndicator(below.at)))) {
      return this.blockNode(below.at, below.indent, indent, depth + 1);
    }
    // The package's empty node takes in comments around it (before a `-`, after it), as far as rules of its own say.
    if (t[p] === '#' || this.last.comments || commentBefore) unsupported();
    this.i = next;
    this.end = p;
    return { kind: 'scalar', value: null, from: p, to: p };
  }

  private blockMap(at: number, indent: number, depth: number): YamlMap {
    const items: YamlMap['items'] = [];
    for (let p = at; ;) {
      const colon = this.keyColon(p);
      if (colon < 0) unsupported();
      const key = this.scalar(p, colon, this.text[p] === '"' || this.text[p] === "'");
      items.push({ key, value: this.valueAfter(colon + 1, indent, true, depth) });
      const next = this.content(this.i);
      if (!next || next.indent < indent) return { kind: 'map', items, from: at, to: this.end };
      if (next.indent > indent || this.isSeqIndicator(next.at)) unsupported();
      p = next.at;
    }
  }

  private blockSeq(at: number, indent: number, depth: number): YamlSeq {
    const items: YamlSeq['items'] = [];
    for (let p = at; ;) {
      // The last scan found this `-`: whether comments came before it.
      items.push(this.valueAfter(p + 1, indent, false, depth, this.last.comments));
      const next = this.content(this.i);
      if (!next || next.indent < indent || (next.indent === indent && !this.isSeqIndicator(next.at))) return { kind: 'seq', items, from: at, to: this.end };
      if (next.indent > indent) unsupported();
      p = next.at;
    }
  }

  /** Offset of the `:` ending an implicit key written at `p`, or -1 when the line is no map entry. */
  private keyColon(p: number): number {
    const t = this.text;
    const c = t[p];
    let j = p;
    if (c === '"' || c === "'") {
      j = this.quotedEnd(p);
    } else {
      if (INDICATORS.has(c) || c === '-' || c === '?' || c === ':') return -1;
      for (; j < t.length && t[j] !== '\n'; j++) {
        if (t[j] === ':' && (j + 1 === t.length || t[j + 1] === ' ' || t[j + 1] === '\n')) break;
        if (t[j] === '#' && t[j - 1] === ' ') return -1;
      }
    }
    if (t[j] !== ':' || !(j + 1 === t.length || t[j + 1] === ' ' || t[j + 1] === '\n')) return -1;
    if (t[j - 1] === ' ') unsupported(); // `key : value`
    return j;
  }

  /** A value at `at` (a flow collection, perhaps over several lines, or a scalar), then the line end. */
  private inline(at: number, blockIndent: number): YamlNode {
    const t = this.text;
    const c = t[at];
    let node: YamlNode;
    if (c === '[' || c === '{') {
      this.blockIndent = blockIndent;
      node = this.flow(at, 0);
    } else if (c === '"' || c === "'") {
      node = this.scalar(at, this.quotedEnd(at), true);
    } else {
      if (INDICATORS.has(c) || c === '?' || c === ':') unsupported();
      let j = at;
      for (; j < t.length && t[j] !== '\n'; j++) {
        if (t[j] === '#' && t[j - 1] === ' ') break;
        if (t[j] === ':' && (j + 1 === t.length || t[j + 1] === ' ' || t[j + 1] === '\n')) unsupported();
      }
      while (t.charCodeAt(j - 1) === 32) j--;
      node = this.scalar(at, j, false);
    }
    this.i = this.lineEnd(node.to);
    this.end = this.i;
    return node;
  }

  /** A flow collection at `at`; a trailing comma is allowed, as in YOLOv5's multi-line lists. */
  private flow(at: number, depth: number): YamlMap | YamlSeq {
    if (depth > this.maxDepth) unsupported();
    const t = this.text;
    const isMap = t[at] === '{';
    const close = isMap ? '}' : ']';
    const pairs: YamlMap['items'] = [];
    const items: YamlSeq['items'] = [];
    let p = this.spaces(at + 1);
    if (t[p] !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowScalar(p, true);
          if (t[key.to] !== ':' || t[key.to + 1] !== ' ') unsupported();
          const value = this.flowItem(this.spaces(key.to + 1), depth);
          pairs.push({ key, value });
          p = this.spaces(value.to);
        } else {
          const item = this.flowItem(p, depth);
          items.push(item);
          p = this.spaces(item.to);
        }
        if (t[p] === close) break;
        if (t[p] !== ',') unsupported();
        p = this.spaces(p + 1);
        if (t[p] === close) break;
      }
    }
    return isMap ? { kind: 'map', items: pairs, from: at, to: p + 1 } : { kind: 'seq', items, from: at, to: p + 1 };
  }

  private flowItem(p: number, depth: number): YamlNode {
    const c = this.text[p];
    return c === '[' || c === '{' ? this.flow(p, depth + 1) : this.flowScalar(p, false);
  }

  /** A scalar inside a flow collection; a key ends at its `:`. */
  private flowScalar(p: number, key: boolean): YamlScalar {
    const t = this.text;
    const c = t[p];
    if (c === '"' || c === "'") return this.scalar(p, this.quotedEnd(p), true);
    if (c === undefined || INDICATORS.has(c) || c === '?' || c === ':' || c === '\n') unsupported();
    if (c === '-' && (t[p + 1] === undefined || t[p + 1] === ' ' || t[p + 1] === '\n' || FLOW_ENDS.has(t[p + 1]))) unsupported();
    let j = p;
    for (; j < t.length && !FLOW_ENDS.has(t[j]) && t[j] !== '\n'; j++) {
      if (t[j] === ':') {
        if (key && t[j + 1] === ' ') break;
        unsupported();
      }
      if (t[j] === '#' && t[j - 1] === ' ') unsupported();
    }
    while (t.charCodeAt(j - 1) === 32) j--;
    return this.scalar(p, j, false);
  }

  /** Past spaces, comments and line breaks inside a flow collection, whose lines must be indented past its block. */
  private spaces(p: number): number {
    const t = this.text;
    for (;;) {
      while (t.charCodeAt(p) === 32) p++;
      if (t[p] === '#' && (t[p - 1] === ' ' || t[p - 1] === '\n')) p = t.indexOf('\n', p);
      if (p < 0 || p >= t.length) unsupported();
      if (t[p] !== '\n') return p;
      p++;
      const lineStart = p;
      while (t.charCodeAt(p) === 32) p++;
      if (p - lineStart <= this.blockIndent && t[p] !== '\n') unsupported();
    }
  }

  /** The end (after the closing quote) of a one-line quoted scalar without escapes. */
  private quotedEnd(p: number): number {
    const t = this.text;
    const q = t[p];
    for (let j = p + 1; j < t.length; j++) {
      const c = t[j];
      if (c === '\n' || (c === '\\' && q === '"')) unsupported();
      if (c === q) {
        if (q === "'" && t[j + 1] === "'") j++;
        else return j + 1;
      }
    }
    return unsupported();
  }

  private scalar(from: number, to: number, quoted: boolean): YamlScalar {
    const source = this.text.slice(from, to);
    const value = !quoted ? this.resolve(source) : source[0] === '"' ? source.slice(1, -1) : source.slice(1, -1).replace(/''/g, "'");
    return { kind: 'scalar', value, from, to };
  }

  /** A plain scalar's value as the core schema reads it. */
  private resolve(source: string): unknown {
    const known = this.resolved.get(source); // never undefined once resolved: null, a boolean, a number or a string
    if (known !== undefined) return known;
    const tag = TAGS.find((t) => t.test!.test(source));
    const made = tag ? tag.resolve(source, unsupported, TEMPLATE.options) : source;
    const value = isScalar(made) ? made.value : made;
    this.resolved.set(source, value);
    return value;
  }
}

/** The document's root as the `yaml` package would read it, or undefined when it is outside the subset. */
export function readYamlSubset(text: string, maxDepth: number): YamlNode | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new Reader(text, maxDepth).document();
  } catch (e) {
    if (e === UNSUPPORTED || e instanceof RangeError) return undefined;
    throw e;
  }
}
