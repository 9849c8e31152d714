// Converts lezer's concrete Python tree into the small tree of ast.ts. Error-tolerant: missing
// pieces of half-typed code become absent fields or `other` nodes, never exceptions. Recursion is
// capped, so the depth of the input cannot exhaust the stack (lezer's own tree is bounded too).
// Nodes are indices into a FlatTree; `name(n)` is the lezer node name.

import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Arg, ClassDef, Expr, FunctionDef, ImportName, Param, Span, Stmt } from './ast';
import { FlatTree } from './flatTree';

/** Nesting deeper than this becomes an empty `other`: no real model code comes close. */
const MAX_DEPTH = 200;

const NAMES = parser.nodeSet.types.map((t) => t.name);
/** Node types the conversion never looks at: error markers and comments. */
const SKIPPED = parser.nodeSet.types.map((t) => t.isError || t.name === 'Comment');

/** One scratch tree: conversions run one at a time and keep nothing of it. */
const scratch = new FlatTree();

/**
 * Parses one piece of a document (whole top-level statements) that starts at offset `base`.
 * `words` holds one string per identifier spelled in the document's pieces so far, shared by them.
 */
export function parseUnit(text: string, base: number, words: Map<string, string>): Stmt[] {
  return convertTree(parser.parse(text), text, base, words);
}

function convertTree(tree: Tree, text: string, base: number, words: Map<string, string>): Stmt[] {
  return fit(new Converter(scratch.load(tree), text, base, words).body(0, 0, []));
}

/**
 * `a` in an array of its own length. The tree keeps every array it is built of, and one grown by
 * push keeps spare slots (17 for one element) that the GC copies with it: a quarter of the tree.
 */
function fit<T>(a: T[]): T[] {
  return a.slice();
}

/** Per node type: whether its name is one of `names` (an index, where a set of names would hash a string per child). */
function typesNamed(...names: string[]): readonly boolean[] {
  return NAMES.map((n) => names.includes(n));
}

const OPEN_CLOSE = typesNamed('(', ')', '[', ']', '{', '}');
const PARENS = typesNamed('(', ')');

/** Splits a node list at `,` tokens. */
function splitCommas(nodes: number[], names: (n: number) => string): number[][] {
  const groups: number[][] = [[]];
  for (const n of nodes) {
    if (names(n) === ',') groups.push([]);
    else groups[groups.length - 1].push(n);
  }
  return groups.filter((g) => g.length > 0);
}

/** Value of a Python number literal; NaN for complex literals. */
function numberValue(raw: string): number {
  if (/^[0-9]+$/.test(raw)) return Number(raw);
  const s = raw.replace(/_/g, '').toLowerCase();
  if (s.endsWith('j')) return NaN;
  if (/^0[box]/.test(s)) return Number(s);
  if (s.endsWith('l')) return Number(s.slice(0, -1)); // Python 2 long
  return Number(s);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** Value of a string literal token (prefix and quotes stripped, simple escapes decoded). */
function stringValue(raw: string): string {
  const quote = raw.search(/['"]/);
  if (quote < 0) return '';
  const prefix = raw.slice(0, quote).toLowerCase();
  const q = raw[quote];
  const triple = raw.startsWith(q.repeat(3), quote);
  const open = quote + (triple ? 3 : 1);
  let end = raw.length;
  if (raw.endsWith(triple ? q.repeat(3) : q) && raw.length >= open + (triple ? 3 : 1)) end -= triple ? 3 : 1;
  const body = raw.slice(open, end);
  if (prefix.includes('r')) return body;
  return body.includes('\\') ? body.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? `\\${c}`) : body;
}

function isLeafExprName(name: string): boolean {
  return name === 'VariableName' || name === 'Number' || name === 'String' || name === 'Boolean' || name === 'None';
}

class Converter {
  private readonly names = (n: number) => NAMES[this.tree.types[n]];

  /** `text` is one piece of the document, starting at offset `base`. */
  constructor(
    private readonly tree: FlatTree, private readonly text: string, private readonly base: number,
    private readonly words: Map<string, string>,
  ) {}

  private name(n: number): string {
    return NAMES[this.tree.types[n]];
  }

  /** Children of `n`, without error markers and comments. */
  private kids(n: number): number[] {
    // Counted first: arrays grown by push keep a dozen spare slots, and the conversion makes tens of thousands.
    const t = this.tree;
    let count = 0;
    for (let c = t.firstChild(n); c >= 0; c = t.nextSibling(c, n)) if (!SKIPPED[t.types[c]]) count++;
    const out = new Array<number>(count);
    count = 0;
    for (let c = t.firstChild(n); c >= 0; c = t.nextSibling(c, n)) if (!SKIPPED[t.types[c]]) out[count++] = c;
    return out;
  }

  /** The child of `n` after `c` (the first one for -1), error markers and comments skipped; -1 past the last. */
  private nextKid(n: number, c: number): number {
    const t = this.tree;
    let k = c < 0 ? t.firstChild(n) : t.nextSibling(c, n);
    while (k >= 0 && SKIPPED[t.types[k]]) k = t.nextSibling(k, n);
    return k;
  }

  /** Children of `n` but error markers, comments and the types `except` marks (OPEN_CLOSE, PARENS). */
  private kidsExcept(n: number, except: readonly boolean[]): number[] {
    const t = this.tree;
    let count = 0;
    for (let c = t.firstChild(n); c >= 0; c = t.nextSibling(c, n)) if (!SKIPPED[t.types[c]] && !except[t.types[c]]) count++;
    const out = new Array<number>(count);
    count = 0;
    for (let c = t.firstChild(n); c >= 0; c = t.nextSibling(c, n)) if (!SKIPPED[t.types[c]] && !except[t.types[c]]) out[count++] = c;
    return out;
  }

  private rangeHas(nodes: number[], from: number, to: number, name: string): boolean {
    for (let i = from; i < to; i++) if (this.name(nodes[i]) === name) return true;
    return false;
  }

  /** Whether `n` has any child (error markers and comments included, as lezer's `firstChild` has). */
  private hasChild(n: number): boolean {
    return this.tree.firstChild(n) >= 0;
  }

  /** Name of the last child of `n` (error markers and comments included), or undefined. */
  private lastChildName(n: number): string | undefined {
    const t = this.tree;
    let last = -1;
    for (let c = t.firstChild(n); c >= 0; c = t.nextSibling(c, n)) last = c;
    return last < 0 ? undefined : this.name(last);
  }

  private from(n: number): number {
    return this.tree.from[n] + this.base;
  }

  private to(n: number): number {
    return this.tree.to[n] + this.base;
  }

  /** Document span from the start of `first` to the end of `last`. */
  private span(first: number, last = first): Span {
    return { from: this.from(first), to: this.to(last) };
  }

  private src(n: number): string {
    return this.text.slice(this.tree.from[n], this.tree.to[n]);
  }

  /** An identifier's text, one string per spelling: the tree keeps tens of thousands of names, mostly the same few. */
  private word(n: number): string {
    const s = this.src(n);
    const known = this.words.get(s);
    if (known !== undefined) return known;
    this.words.set(s, s);
    return s;
  }

  private isExprChild(c: number): boolean {
    return this.hasChild(c) || isLeafExprName(this.name(c));
  }

  private other(node: number, depth: number): Expr {
    const children: Expr[] = [];
    for (const c of this.kids(node)) if (this.isExprChild(c)) children.push(this.expr(c, depth + 1));
    return { k: 'other', from: this.from(node), to: this.to(node), children: fit(children) };
  }

  body(node: number, depth: number, out: Stmt[]): Stmt[] {
    if (depth > MAX_DEPTH) return out;
    for (const c of this.kids(node)) this.stmt(c, depth + 1, out);
    return out;
  }

  /** The statements of a nested body. */
  private block(node: number, depth: number): Stmt[] {
    return fit(this.body(node, depth, []));
  }

  private bodyOf(nodes: number[], i: number, depth: number): Stmt[] {
    const n = nodes[i];
    return n !== undefined && this.name(n) === 'Body' ? this.block(n, depth) : [];
  }

  private stmt(node: number, depth: number, out: Stmt[]): void {
    const from = this.from(node);
    const to = this.to(node);
    const ch = this.kids(node);
    switch (this.name(node)) {
      case 'StatementGroup':
        for (const c of ch) this.stmt(c, depth + 1, out);
        return;
      case 'ExpressionStatement':
        if (ch.length) out.push({ k: 'expr', from, to, value: this.exprList(ch, 0, ch.length, node, depth) });
        return;
      case 'AssignStatement':
        this.assign(node, ch, depth, out);
        return;
      case 'UpdateStatement': {
        const opIdx = ch.findIndex((c) => this.name(c) === 'UpdateOp');
        if (opIdx <= 0) return;
        out.push({
          k: 'aug', from, to, target: this.exprList(ch, 0, opIdx, node, depth),
          op: this.src(ch[opIdx]).slice(0, -1), value: this.exprList(ch, opIdx + 1, ch.length, node, depth),
        });
        return;
      }
      case 'ReturnStatement': {
        out.push({ k: 'return', from, to, value: ch.length > 1 ? this.exprList(ch, 1, ch.length, node, depth) : undefined });
        return;
      }
      case 'IfStatement':
        out.push(this.ifStmt(node, ch, depth));
        return;
      case 'WhileStatement': {
        const bodies = ch.filter((c) => this.name(c) === 'Body');
        out.push({
          k: 'while', from, to, test: this.exprOrOther(ch[1], depth),
          body: bodies[0] !== undefined ? this.block(bodies[0], depth) : [],
          orelse: bodies[1] !== undefined ? this.block(bodies[1], depth) : [],
        });
        return;
      }
      case 'ForStatement':
        out.push(this.forStmt(node, ch, depth));
        return;
      case 'WithStatement':
        out.push(this.withStmt(node, ch, depth));
        return;
      case 'TryStatement':
        out.push(this.tryStmt(node, ch, depth));
        return;
      case 'FunctionDefinition':
        out.push(this.functionDef(node, ch, [], depth));
        return;
      case 'ClassDefinition':
        out.push(this.classDef(node, ch, [], depth));
        return;
      case 'DecoratedStatement': {
        const decorators = ch.filter((c) => this.name(c) === 'Decorator').map((d) => this.other(d, depth));
        const def = ch.find((c) => this.name(c) === 'FunctionDefinition' || this.name(c) === 'ClassDefinition');
        if (def === undefined) return;
        out.push(this.name(def) === 'FunctionDefinition'
          ? this.functionDef(def, this.kids(def), decorators, depth)
          : this.classDef(def, this.kids(def), decorators, depth));
        return;
      }
      case 'ImportStatement':
        out.push(this.importStmt(node, ch));
        return;
      case 'MatchStatement':
        out.push(this.matchStmt(node, ch, depth));
        return;
      case 'Body':
        this.body(node, depth, out);
        return;
      default:
        out.push({ k: 'other', from, to, exprs: ch.filter((c) => this.isExprChild(c)).map((c) => this.expr(c, depth + 1)) });
    }
  }

  private assign(node: number, ch: number[], depth: number, out: Stmt[]): void {
    const nodes = ch.some((c) => this.name(c) === 'TypeDef') ? ch.filter((c) => this.name(c) !== 'TypeDef') : ch;
    // The parts between `=` signs, as [start, end) pairs: targets, then the value.
    const parts: number[] = [];
    let start = 0;
    for (let i = 0; i <= nodes.length; i++) {
      if (i < nodes.length && this.name(nodes[i]) !== 'AssignOp') continue;
      if (i === start) return;
      parts.push(start, i);
      start = i + 1;
    }
    if (parts.length < 4) return;
    const targets: Expr[] = [];
    for (let k = 0; k < parts.length - 2; k += 2) targets.push(this.exprList(nodes, parts[k], parts[k + 1], node, depth));
    const value = this.exprList(nodes, parts[parts.length - 2], parts[parts.length - 1], node, depth);
    out.push({ k: 'assign', from: this.from(node), to: this.to(node), targets: fit(targets), value });
  }

  private ifStmt(node: number, ch: number[], depth: number): Stmt {
    const branches: { test?: Expr; body: Stmt[] }[] = [];
    for (let i = 0; i < ch.length; i++) {
      const n = this.name(ch[i]);
      if (n === 'if' || n === 'elif') {
        branches.push({ test: this.exprOrOther(ch[i + 1], depth), body: this.bodyOf(ch, i + 2, depth) });
        i += 2;
      } else if (n === 'else') {
        branches.push({ body: this.bodyOf(ch, i + 1, depth) });
        i += 1;
      }
    }
    return { k: 'if', from: this.from(node), to: this.to(node), branches: fit(branches) };
  }

  private forStmt(node: number, ch: number[], depth: number): Stmt {
    const forIdx = ch.findIndex((c) => this.name(c) === 'for');
    const inIdx = ch.findIndex((c) => this.name(c) === 'in');
    const bodies = ch.filter((c) => this.name(c) === 'Body');
    const iterEnd = ch.findIndex((c, i) => i > inIdx && this.name(c) === 'Body');
    const [iterFrom, iterTo] = inIdx >= 0 ? [inIdx + 1, iterEnd < 0 ? ch.length : iterEnd] : [0, 0];
    const from = this.from(node);
    const to = this.to(node);
    return {
      k: 'for', from, to,
      target: inIdx > forIdx + 1 ? this.exprList(ch, forIdx + 1, inIdx, node, depth) : { k: 'other', from, to, children: [] },
      iter: iterTo > iterFrom ? this.exprList(ch, iterFrom, iterTo, node, depth) : { k: 'other', from, to, children: [] },
      body: bodies[0] !== undefined ? this.block(bodies[0], depth) : [],
      orelse: bodies[1] !== undefined ? this.block(bodies[1], depth) : [],
    };
  }

  private withStmt(node: number, ch: number[], depth: number): Stmt {
    const bodyNode = ch.find((c) => this.name(c) === 'Body');
    const header = ch.filter((c) => {
      const n = this.name(c);
      return n !== 'with' && n !== 'async' && n !== 'Body';
    });
    const items: { value: Expr; target?: Expr }[] = [];
    for (const group of splitCommas(header, this.names)) {
      const asIdx = group.findIndex((c) => this.name(c) === 'as');
      const valueNodes = asIdx < 0 ? group : group.slice(0, asIdx);
      if (!valueNodes.length) continue;
      items.push({
        value: this.exprList(valueNodes, 0, valueNodes.length, node, depth),
        target: asIdx >= 0 && group[asIdx + 1] !== undefined ? this.expr(group[asIdx + 1], depth + 1) : undefined,
      });
    }
    return { k: 'with', from: this.from(node), to: this.to(node), items: fit(items), body: bodyNode !== undefined ? this.block(bodyNode, depth) : [] };
  }

  private tryStmt(node: number, ch: number[], depth: number): Stmt {
    const result = {
      k: 'try' as const, from: this.from(node), to: this.to(node),
      body: [] as Stmt[], handlers: [] as Stmt[][], orelse: [] as Stmt[], finalbody: [] as Stmt[],
    };
    let clause = 'try';
    for (const c of ch) {
      const n = this.name(c);
      if (n === 'try' || n === 'except' || n === 'else' || n === 'finally') clause = n;
      else if (n === 'Body') {
        const body = this.block(c, depth);
        if (clause === 'try') result.body = body;
        else if (clause === 'except') result.handlers.push(body);
        else if (clause === 'else') result.orelse = body;
        else result.finalbody = body;
      }
    }
    return result;
  }

  private matchStmt(node: number, ch: number[], depth: number): Stmt {
    // Each case is a branch taken on a condition the analysis cannot decide.
    const matchBody = ch.find((c) => this.name(c) === 'MatchBody');
    const branches: { test?: Expr; body: Stmt[] }[] = [];
    for (const clause of matchBody !== undefined ? this.kids(matchBody) : []) {
      if (this.name(clause) !== 'MatchClause') continue;
      const body = this.kids(clause).find((c) => this.name(c) === 'Body');
      branches.push({
        test: { k: 'other', from: this.from(clause), to: this.to(clause), children: [] },
        body: body !== undefined ? this.block(body, depth) : [],
      });
    }
    return { k: 'if', from: this.from(node), to: this.to(node), branches: fit(branches) };
  }

  private functionDef(node: number, ch: number[], decorators: Expr[], depth: number): FunctionDef {
    const nameNode = ch.find((c) => this.name(c) === 'VariableName');
    const paramList = ch.find((c) => this.name(c) === 'ParamList');
    const bodyNode = ch.find((c) => this.name(c) === 'Body');
    return {
      k: 'def', from: this.from(node), to: this.to(node),
      name: nameNode !== undefined ? this.src(nameNode) : '',
      nameSpan: this.span(nameNode ?? node),
      params: paramList !== undefined ? this.params(paramList, depth) : [],
      body: bodyNode !== undefined ? this.block(bodyNode, depth) : [],
      decorators,
    };
  }

  private params(node: number, depth: number): Param[] {
    const out: Param[] = [];
    let kwonly = false;
    const inner = this.kids(node).filter((c) => this.name(c) !== '(' && this.name(c) !== ')');
    for (const group of splitCommas(inner, this.names)) {
      const first = this.name(group[0]);
      const nameNode = group.find((c) => this.name(c) === 'VariableName');
      if (first === '*' || first === '**') {
        if (nameNode !== undefined) out.push({ name: this.src(nameNode), kind: first === '*' ? 'star' : 'dstar' });
        if (first === '*') kwonly = true;
        continue;
      }
      if (nameNode === undefined) continue; // the `/` marker
      const eq = group.findIndex((c) => this.name(c) === 'AssignOp');
      out.push({
        name: this.src(nameNode),
        kind: kwonly ? 'kwonly' : 'normal',
        default: eq >= 0 && group[eq + 1] !== undefined ? this.expr(group[eq + 1], depth + 1) : undefined,
      });
    }
    return fit(out);
  }

  private classDef(node: number, ch: number[], decorators: Expr[], depth: number): ClassDef {
    const nameNode = ch.find((c) => this.name(c) === 'VariableName');
    const argList = ch.find((c) => this.name(c) === 'ArgList');
    const bodyNode = ch.find((c) => this.name(c) === 'Body');
    return {
      k: 'class', from: this.from(node), to: this.to(node),
      name: nameNode !== undefined ? this.src(nameNode) : '',
      nameSpan: this.span(nameNode ?? node),
      bases: argList !== undefined ? this.args(argList, depth) : [],
      body: bodyNode !== undefined ? this.block(bodyNode, depth) : [],
      decorators,
    };
  }

  private importStmt(node: number, ch: number[]): Stmt {
    const from = this.from(node);
    const to = this.to(node);
    const dotted = (nodes: number[]) => nodes.map((n) => this.src(n)).join('');
    if (ch.length && this.name(ch[0]) === 'from') {
      const importIdx = ch.findIndex((c) => this.name(c) === 'import');
      const moduleNodes = ch.slice(1, importIdx < 0 ? ch.length : importIdx);
      const names: ImportName[] = [];
      let star = false;
      const rest = importIdx < 0 ? [] : ch.slice(importIdx + 1).filter((c) => !OPEN_CLOSE[this.tree.types[c]]);
      for (const group of splitCommas(rest, this.names)) {
        if (this.name(group[0]) === '*') star = true;
        else names.push(this.importName(group));
      }
      return { k: 'import', from, to, module: dotted(moduleNodes), names: names.filter((n) => n.path), star };
    }
    const names = splitCommas(ch.slice(1), this.names).map((g) => this.importName(g)).filter((n) => n.path);
    return { k: 'import', from, to, names, star: false };
  }

  private importName(group: number[]): ImportName {
    const asIdx = group.findIndex((c) => this.name(c) === 'as');
    const pathNodes = asIdx < 0 ? group : group.slice(0, asIdx);
    const alias = asIdx >= 0 && group[asIdx + 1] !== undefined ? this.src(group[asIdx + 1]) : undefined;
    return { path: pathNodes.map((n) => this.src(n)).join(''), alias };
  }

  /** Several comma-separated expressions (a bare tuple) or one. */
  private exprList(nodes: number[], from: number, to: number, parent: number, depth: number): Expr {
    const groups = this.commaRanges(nodes, from, to);
    if (groups.length === 2 && this.name(nodes[to - 1]) !== ',') return this.group(nodes, groups[0], groups[1], depth);
    const items: Expr[] = [];
    for (let k = 0; k < groups.length; k += 2) items.push(this.group(nodes, groups[k], groups[k + 1], depth));
    return { k: 'tuple', ...this.span(from < to ? nodes[from] : parent, from < to ? nodes[to - 1] : parent), items: fit(items) };
  }

  /** Where `nodes[from, to)` splits at `,` tokens: [start, end) pairs, flat, empty ones left out (no array per group). */
  private commaRanges(nodes: number[], from = 0, to = nodes.length): number[] {
    const out: number[] = [];
    let start = from;
    for (let i = from; i <= to; i++) {
      if (i < to && this.name(nodes[i]) !== ',') continue;
      if (i > start) out.push(start, i);
      start = i + 1;
    }
    return out;
  }

  /** One expression, possibly written as several sibling nodes (`*x`, `not in`): `nodes[from, to)`. */
  private group(nodes: number[], from: number, to: number, depth: number): Expr {
    if (this.name(nodes[from]) === '*' && to - from > 1) {
      return { k: 'star', ...this.span(nodes[from], nodes[to - 1]), value: this.expr(nodes[from + 1], depth + 1) };
    }
    return this.expr(nodes[from], depth + 1);
  }

  private exprOrOther(node: number | undefined, depth: number): Expr {
    return node !== undefined ? this.expr(node, depth + 1) : { k: 'other', from: this.base, to: this.base, children: [] };
  }

  expr(node: number, depth: number): Expr {
    const from = this.from(node);
    const to = this.to(node);
    if (depth > MAX_DEPTH) return { k: 'other', from, to, children: [] };
    const d = depth + 1;
    switch (this.name(node)) {
      case 'VariableName':
        return { k: 'name', from, to, name: this.word(node) };
      case 'Number':
        return { k: 'num', from, to, value: numberValue(this.src(node)) };
      case 'String':
        return { k: 'str', from, to, value: stringValue(this.src(node)) };
      case 'ContinuedString': {
        const parts = this.kids(node);
        if (parts.some((p) => this.name(p) !== 'String')) return this.other(node, depth);
        return { k: 'str', from, to, value: parts.map((p) => stringValue(this.src(p))).join('') };
      }
      case 'Boolean':
        return { k: 'const', from, to, value: this.src(node) === 'True' };
      case 'None':
        return { k: 'const', from, to, value: null };
      case 'ParenthesizedExpression': {
        const inner = this.kidsExcept(node, OPEN_CLOSE);
        return inner.length === 1 ? this.expr(inner[0], d) : this.other(node, depth);
      }
      case 'MemberExpression':
        return this.member(node, depth);
      case 'CallExpression': {
        // Calls and attributes are most of the tree: their children are read in place, not listed.
        const callee = this.nextKid(node, -1);
        let argList = callee;
        while (argList >= 0 && this.name(argList) !== 'ArgList') argList = this.nextKid(node, argList);
        if (callee < 0 || callee === argList) return this.other(node, depth);
        const call: Expr = { k: 'call', from, to, callee: this.expr(callee, d), args: argList >= 0 ? this.args(argList, depth) : [] };
        if (argList < 0 || this.lastChildName(argList) !== ')') call.incomplete = true;
        return call;
      }
      case 'BinaryExpression': {
        const ch = this.kids(node);
        if (ch.length < 3) return this.other(node, depth);
        const left = ch[0];
        const right = ch[ch.length - 1];
        // Between the operands: the operator, and maybe a line continuation or a comment (inside brackets).
        const op = this.text.slice(this.tree.to[left], this.tree.from[right]).replace(/#[^\n]*|\\\r?\n/g, ' ').trim().replace(/\s+/g, ' ');
        return { k: 'bin', from, to, op, left: this.expr(left, d), right: this.expr(right, d) };
      }
      case 'UnaryExpression': {
        const ch = this.kids(node);
        if (ch.length < 2) return this.other(node, depth);
        return { k: 'unary', from, to, op: this.src(ch[0]), operand: this.expr(ch[ch.length - 1], d) };
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression': {
        const name = this.name(node);
        const k = name === 'TupleExpression' ? 'tuple' : name === 'ArrayExpression' ? 'list' : 'set';
        const inner = this.kidsExcept(node, OPEN_CLOSE);
        const groups = this.commaRanges(inner);
        const items: Expr[] = [];
        for (let g = 0; g < groups.length; g += 2) items.push(this.group(inner, groups[g], groups[g + 1], d));
        return { k, from, to, items: fit(items) };
      }
      case 'DictionaryExpression':
        return this.dict(node, depth);
      case 'ArrayComprehensionExpression':
      case 'ComprehensionExpression':
      case 'SetComprehensionExpression':
        return this.comprehension(node, depth);
      case 'ConditionalExpression': {
        const ch = this.kids(node);
        const ifIdx = ch.findIndex((c) => this.name(c) === 'if');
        const elseIdx = ch.findIndex((c) => this.name(c) === 'else');
        if (ifIdx !== 1 || elseIdx !== 3 || ch[4] === undefined) return this.other(node, depth);
        return { k: 'cond', from, to, then: this.expr(ch[0], d), test: this.expr(ch[2], d), orelse: this.expr(ch[4], d) };
      }
      default:
        return this.other(node, depth);
    }
  }

  private member(node: number, depth: number): Expr {
    const from = this.from(node);
    const to = this.to(node);
    const d = depth + 1;
    const first = this.nextKid(node, -1);
    if (first < 0) return this.other(node, depth);
    const obj = this.expr(first, d);
    const second = this.nextKid(node, first);
    if (second >= 0 && this.name(second) === '.') {
      const prop = this.nextKid(node, second);
      if (prop < 0 || this.name(prop) !== 'PropertyName') return { k: 'other', from, to, children: [obj] };
      return { k: 'attr', from, to, obj, attr: this.word(prop) };
    }
    const inner = this.kids(node).slice(1).filter((c) => this.name(c) !== '[' && this.name(c) !== ']');
    const groups = this.commaRanges(inner);
    const items: Expr[] = [];
    for (let g = 0; g < groups.length; g += 2) items.push(this.sliceOrExpr(inner, groups[g], groups[g + 1], d));
    return { k: 'subscript', from, to, obj, items: fit(items) };
  }

  /** `nodes[from, to)`: an index or a slice. */
  private sliceOrExpr(nodes: number[], from: number, to: number, depth: number): Expr {
    const parts: (number | undefined)[] = [undefined];
    for (let i = from; i < to; i++) {
      if (this.name(nodes[i]) === ':') parts.push(undefined);
      else parts[parts.length - 1] = nodes[i];
    }
    if (parts.length === 1) return this.group(nodes, from, to, depth);
    const conv = (n: number | undefined) => (n !== undefined ? this.expr(n, depth + 1) : undefined);
    return {
      k: 'slice', ...this.span(nodes[from], nodes[to - 1]),
      lower: conv(parts[0]), upper: conv(parts[1]), step: conv(parts[2]),
    };
  }

  /** `{k: v, **rest}`; an entry still being typed (`{'a': }`) leaves the whole display `other`. */
  private dict(node: number, depth: number): Expr {
    const d = depth + 1;
    const inner = this.kidsExcept(node, OPEN_CLOSE);
    const groups = this.commaRanges(inner);
    const entries: { key?: Expr; value: Expr }[] = [];
    for (let g = 0; g < groups.length; g += 2) {
      const start = groups[g];
      const end = groups[g + 1];
      if (this.name(inner[start]) === '**' && end - start === 2) {
        entries.push({ value: this.expr(inner[start + 1], d) });
        continue;
      }
      let colon = start;
      while (colon < end && this.name(inner[colon]) !== ':') colon++;
      if (colon === start || colon + 1 >= end) return this.other(node, depth);
      entries.push({ key: this.group(inner, start, colon, d), value: this.group(inner, colon + 1, end, d) });
    }
    return { k: 'dict', from: this.from(node), to: this.to(node), entries: fit(entries) };
  }

  private comprehension(node: number, depth: number): Expr {
    const d = depth + 1;
    const ch = this.kidsExcept(node, OPEN_CLOSE);
    const firstFor = ch.findIndex((c) => this.name(c) === 'for');
    if (firstFor < 1) return this.other(node, depth);
    const loops: { target: Expr; iter: Expr }[] = [];
    const conditions: Expr[] = [];
    let i = firstFor;
    while (i < ch.length) {
      const n = this.name(ch[i]);
      if (n === 'for') {
        const inIdx = ch.findIndex((c, j) => j > i && this.name(c) === 'in');
        if (inIdx < 0 || ch[inIdx + 1] === undefined) break;
        loops.push({ target: this.exprList(ch, i + 1, inIdx, node, d), iter: this.expr(ch[inIdx + 1], d) });
        i = inIdx + 2;
      } else if (n === 'if' && ch[i + 1] !== undefined) {
        conditions.push(this.expr(ch[i + 1], d));
        i += 2;
      } else i++;
    }
    return { k: 'comp', from: this.from(node), to: this.to(node), element: this.exprList(ch, 0, firstFor, node, d), loops: fit(loops), conditions: fit(conditions) };
  }

  private args(node: number, depth: number): Arg[] {
    const d = depth + 1;
    const out: Arg[] = [];
    const inner = this.kidsExcept(node, PARENS);
    const groups = this.commaRanges(inner);
    for (let g = 0; g < groups.length; g += 2) {
      const start = groups[g];
      const end = groups[g + 1];
      const from = this.from(inner[start]);
      const to = this.to(inner[end - 1]);
      const first = this.name(inner[start]);
      if ((first === '*' || first === '**') && end - start > 1) {
        out.push({ from, to, star: first, value: this.expr(inner[start + 1], d) });
      } else if (end - start >= 3 && first === 'VariableName' && this.name(inner[start + 1]) === 'AssignOp') {
        out.push({ from, to, name: this.word(inner[start]), value: this.expr(inner[start + 2], d) });
      } else if (this.rangeHas(inner, start, end, 'for')) {
        const children: Expr[] = [];
        for (let i = start; i < end; i++) if (this.isExprChild(inner[i])) children.push(this.expr(inner[i], d));
        out.push({ from, to, value: { k: 'other', from, to, children: fit(children) } });
      } else {
        out.push({ from, to, value: this.expr(inner[start], d) });
      }
    }
    return fit(out);
  }
}
