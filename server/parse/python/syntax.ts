// Converts lezer's concrete Python tree into the small tree of ast.ts. Error-tolerant: missing
// pieces of half-typed code become absent fields or `other` nodes, never exceptions. Recursion is
// capped, so the depth of the input cannot exhaust the stack (lezer's own tree is bounded too).

import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Arg, ClassDef, Expr, FunctionDef, ImportName, Param, Span, Stmt } from './ast';
import { topLevelChunks } from './chunks';

/** Nesting deeper than this becomes an empty `other`: no real model code comes close. */
const MAX_DEPTH = 200;

/** Parses `text` into statements, piece by piece (see chunks.ts); never throws. */
export function parseModule(text: string): Stmt[] {
  const starts = topLevelChunks(text);
  const out: Stmt[] = [];
  starts.forEach((start, i) => {
    const chunk = text.slice(start, starts[i + 1] ?? text.length);
    out.push(...new Converter(chunk, start).body(parser.parse(chunk).topNode, 0));
  });
  return out;
}

const OPEN_CLOSE = new Set(['(', ')', '[', ']', '{', '}']);

function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.type.isError || c.name === 'Comment') continue;
    out.push(c);
  }
  return out;
}

/** Splits a node list at `,` tokens. */
function splitCommas(nodes: SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ',') groups.push([]);
    else groups[groups.length - 1].push(n);
  }
  return groups.filter((g) => g.length > 0);
}


/** Value of a Python number literal; NaN for complex literals. */
function numberValue(raw: string): number {
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
  return body.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? `\\${c}`);
}

class Converter {
  /** `text` is one chunk of the document, starting at offset `base`. */
  constructor(private readonly text: string, private readonly base: number) {}

  /** Document span from the start of `first` to the end of `last`. */
  private span(first: { from: number; to: number }, last = first): Span {
    return { from: first.from + this.base, to: last.to + this.base };
  }

  private src(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }

  private other(node: SyntaxNode, depth: number): Expr {
    const children: Expr[] = [];
    for (const c of kids(node)) if (!c.type.isAnonymous && c.firstChild || isLeafExpr(c)) children.push(this.expr(c, depth + 1));
    return { k: 'other', ...this.span(node), children };
  }

  body(node: SyntaxNode, depth: number): Stmt[] {
    const out: Stmt[] = [];
    if (depth > MAX_DEPTH) return out;
    for (const c of kids(node)) out.push(...this.stmt(c, depth + 1));
    return out;
  }

  private bodyOf(nodes: SyntaxNode[], i: number, depth: number): Stmt[] {
    const n = nodes[i];
    return n && n.name === 'Body' ? this.body(n, depth) : [];
  }

  stmt(node: SyntaxNode, depth: number): Stmt[] {
    const s = this.span(node);
    const ch = kids(node);
    switch (node.name) {
      case 'StatementGroup':
        return ch.flatMap((c) => this.stmt(c, depth + 1));
      case 'ExpressionStatement':
        return ch.length ? [{ k: 'expr', ...s, value: this.exprList(ch, node, depth) }] : [];
      case 'AssignStatement':
        return this.assign(node, ch, depth);
      case 'UpdateStatement': {
        const opIdx = ch.findIndex((c) => c.name === 'UpdateOp');
        if (opIdx <= 0) return [];
        return [{
          k: 'aug', ...s, target: this.exprList(ch.slice(0, opIdx), node, depth),
          op: this.src(ch[opIdx]).slice(0, -1), value: this.exprList(ch.slice(opIdx + 1), node, depth),
        }];
      }
      case 'ReturnStatement': {
        const rest = ch.slice(1);
        return [{ k: 'return', ...s, value: rest.length ? this.exprList(rest, node, depth) : undefined }];
      }
      case 'IfStatement':
        return [this.ifStmt(node, ch, depth)];
      case 'WhileStatement': {
        const bodies = ch.filter((c) => c.name === 'Body');
        return [{
          k: 'while', ...s, test: this.exprOrOther(ch[1], depth), body: bodies[0] ? this.body(bodies[0], depth) : [],
          orelse: bodies[1] ? this.body(bodies[1], depth) : [],
        }];
      }
      case 'ForStatement':
        return [this.forStmt(node, ch, depth)];
      case 'WithStatement':
        return [this.withStmt(node, ch, depth)];
      case 'TryStatement':
        return [this.tryStmt(node, ch, depth)];
      case 'FunctionDefinition':
        return [this.functionDef(node, ch, [], depth)];
      case 'ClassDefinition':
        return [this.classDef(node, ch, [], depth)];
      case 'DecoratedStatement': {
        const decorators = ch.filter((c) => c.name === 'Decorator').map((d) => this.decorator(d, depth));
        const def = ch.find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
        if (!def) return [];
        return def.name === 'FunctionDefinition'
          ? [this.functionDef(def, kids(def), decorators, depth)]
          : [this.classDef(def, kids(def), decorators, depth)];
      }
      case 'ImportStatement':
        return [this.importStmt(node, ch)];
      case 'MatchStatement':
        return [this.matchStmt(node, ch, depth)];
      case 'Body':
        return this.body(node, depth);
      default:
        return [{ k: 'other', ...s, exprs: ch.filter((c) => c.firstChild || isLeafExpr(c)).map((c) => this.expr(c, depth + 1)) }];
    }
  }

  private assign(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt[] {
    const parts: SyntaxNode[][] = [[]];
    for (const c of ch) {
      if (c.name === 'AssignOp') parts.push([]);
      else if (c.name !== 'TypeDef') parts[parts.length - 1].push(c);
    }
    if (parts.length < 2 || parts.some((p) => p.length === 0)) return [];
    const exprs = parts.map((p) => this.exprList(p, node, depth));
    return [{ k: 'assign', ...this.span(node), targets: exprs.slice(0, -1), value: exprs[exprs.length - 1] }];
  }

  private ifStmt(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt {
    const branches: { test?: Expr; body: Stmt[] }[] = [];
    for (let i = 0; i < ch.length; i++) {
      const n = ch[i].name;
      if (n === 'if' || n === 'elif') {
        branches.push({ test: this.exprOrOther(ch[i + 1], depth), body: this.bodyOf(ch, i + 2, depth) });
        i += 2;
      } else if (n === 'else') {
        branches.push({ body: this.bodyOf(ch, i + 1, depth) });
        i += 1;
      }
    }
    return { k: 'if', ...this.span(node), branches };
  }

  private forStmt(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt {
    const forIdx = ch.findIndex((c) => c.name === 'for');
    const inIdx = ch.findIndex((c) => c.name === 'in');
    const bodies = ch.filter((c) => c.name === 'Body');
    const targetNodes = inIdx > forIdx ? ch.slice(forIdx + 1, inIdx) : [];
    const iterEnd = ch.findIndex((c, i) => i > inIdx && c.name === 'Body');
    const iterNodes = inIdx >= 0 ? ch.slice(inIdx + 1, iterEnd < 0 ? ch.length : iterEnd) : [];
    return {
      k: 'for', ...this.span(node),
      target: targetNodes.length ? this.exprList(targetNodes, node, depth) : { k: 'other', ...this.span(node), children: [] },
      iter: iterNodes.length ? this.exprList(iterNodes, node, depth) : { k: 'other', ...this.span(node), children: [] },
      body: bodies[0] ? this.body(bodies[0], depth) : [],
      orelse: bodies[1] ? this.body(bodies[1], depth) : [],
    };
  }

  private withStmt(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt {
    const bodyNode = ch.find((c) => c.name === 'Body');
    const header = ch.filter((c) => c.name !== 'with' && c.name !== 'async' && c.name !== 'Body');
    const items: { value: Expr; target?: Expr }[] = [];
    for (const group of splitCommas(header)) {
      const asIdx = group.findIndex((c) => c.name === 'as');
      const valueNodes = asIdx < 0 ? group : group.slice(0, asIdx);
      if (!valueNodes.length) continue;
      items.push({
        value: this.exprList(valueNodes, node, depth),
        target: asIdx >= 0 && group[asIdx + 1] ? this.expr(group[asIdx + 1], depth + 1) : undefined,
      });
    }
    return { k: 'with', ...this.span(node), items, body: bodyNode ? this.body(bodyNode, depth) : [] };
  }

  private tryStmt(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt {
    const result = { k: 'try' as const, ...this.span(node), body: [] as Stmt[], handlers: [] as Stmt[][], orelse: [] as Stmt[], finalbody: [] as Stmt[] };
    let clause = 'try';
    for (const c of ch) {
      if (c.name === 'try' || c.name === 'except' || c.name === 'else' || c.name === 'finally') clause = c.name;
      else if (c.name === 'Body') {
        const body = this.body(c, depth);
        if (clause === 'try') result.body = body;
        else if (clause === 'except') result.handlers.push(body);
        else if (clause === 'else') result.orelse = body;
        else result.finalbody = body;
      }
    }
    return result;
  }

  private matchStmt(node: SyntaxNode, ch: SyntaxNode[], depth: number): Stmt {
    // Each case is a branch taken on a condition the analysis cannot decide.
    const matchBody = ch.find((c) => c.name === 'MatchBody');
    const branches: { test?: Expr; body: Stmt[] }[] = [];
    for (const clause of matchBody ? kids(matchBody) : []) {
      if (clause.name !== 'MatchClause') continue;
      const body = kids(clause).find((c) => c.name === 'Body');
      branches.push({ test: { k: 'other', ...this.span(clause), children: [] }, body: body ? this.body(body, depth) : [] });
    }
    return { k: 'if', ...this.span(node), branches };
  }

  private decorator(node: SyntaxNode, depth: number): Expr {
    return this.other(node, depth);
  }

  private functionDef(node: SyntaxNode, ch: SyntaxNode[], decorators: Expr[], depth: number): FunctionDef {
    const nameNode = ch.find((c) => c.name === 'VariableName');
    const paramList = ch.find((c) => c.name === 'ParamList');
    const bodyNode = ch.find((c) => c.name === 'Body');
    return {
      k: 'def', ...this.span(node),
      name: nameNode ? this.src(nameNode) : '',
      nameSpan: this.span(nameNode ?? node),
      params: paramList ? this.params(paramList, depth) : [],
      body: bodyNode ? this.body(bodyNode, depth) : [],
      decorators,
    };
  }

  private params(node: SyntaxNode, depth: number): Param[] {
    const out: Param[] = [];
    let kwonly = false;
    for (const group of splitCommas(kids(node).filter((c) => c.name !== '(' && c.name !== ')'))) {
      const first = group[0].name;
      const nameNode = group.find((c) => c.name === 'VariableName');
      if (first === '*' || first === '**') {
        if (nameNode) out.push({ name: this.src(nameNode), kind: first === '*' ? 'star' : 'dstar' });
        if (first === '*') kwonly = true;
        continue;
      }
      if (!nameNode) continue; // the `/` marker
      const eq = group.findIndex((c) => c.name === 'AssignOp');
      out.push({
        name: this.src(nameNode),
        kind: kwonly ? 'kwonly' : 'normal',
        default: eq >= 0 && group[eq + 1] ? this.expr(group[eq + 1], depth + 1) : undefined,
      });
    }
    return out;
  }

  private classDef(node: SyntaxNode, ch: SyntaxNode[], decorators: Expr[], depth: number): ClassDef {
    const nameNode = ch.find((c) => c.name === 'VariableName');
    const argList = ch.find((c) => c.name === 'ArgList');
    const bodyNode = ch.find((c) => c.name === 'Body');
    return {
      k: 'class', ...this.span(node),
      name: nameNode ? this.src(nameNode) : '',
      nameSpan: this.span(nameNode ?? node),
      bases: argList ? this.args(argList, depth) : [],
      body: bodyNode ? this.body(bodyNode, depth) : [],
      decorators,
    };
  }

  private importStmt(node: SyntaxNode, ch: SyntaxNode[]): Stmt {
    const s = this.span(node);
    const dotted = (nodes: SyntaxNode[]) => nodes.map((n) => this.src(n)).join('');
    if (ch[0]?.name === 'from') {
      const importIdx = ch.findIndex((c) => c.name === 'import');
      const moduleNodes = ch.slice(1, importIdx < 0 ? ch.length : importIdx);
      const names: ImportName[] = [];
      let star = false;
      const rest = importIdx < 0 ? [] : ch.slice(importIdx + 1).filter((c) => !OPEN_CLOSE.has(c.name));
      for (const group of splitCommas(rest)) {
        if (group[0].name === '*') star = true;
        else names.push(this.importName(group));
      }
      return { k: 'import', ...s, module: dotted(moduleNodes), names: names.filter((n) => n.path), star };
    }
    const names = splitCommas(ch.slice(1)).map((g) => this.importName(g)).filter((n) => n.path);
    return { k: 'import', ...s, names, star: false };
  }

  private importName(group: SyntaxNode[]): ImportName {
    const asIdx = group.findIndex((c) => c.name === 'as');
    const pathNodes = asIdx < 0 ? group : group.slice(0, asIdx);
    const alias = asIdx >= 0 && group[asIdx + 1] ? this.src(group[asIdx + 1]) : undefined;
    return { path: pathNodes.map((n) => this.src(n)).join(''), alias };
  }

  /** Several comma-separated expressions (a bare tuple) or one. */
  private exprList(nodes: SyntaxNode[], parent: SyntaxNode, depth: number): Expr {
    const groups = splitCommas(nodes);
    if (groups.length === 1 && nodes[nodes.length - 1].name !== ',') return this.group(groups[0], depth);
    const items = groups.map((g) => this.group(g, depth));
    return { k: 'tuple', ...this.span(nodes[0] ?? parent, nodes[nodes.length - 1] ?? parent), items };
  }

  /** One expression, possibly written as several sibling nodes (`*x`, `not in`). */
  private group(nodes: SyntaxNode[], depth: number): Expr {
    if (nodes[0].name === '*' && nodes[1]) {
      return { k: 'star', ...this.span(nodes[0], nodes[nodes.length - 1]), value: this.expr(nodes[1], depth + 1) };
    }
    return this.expr(nodes[0], depth + 1);
  }

  private exprOrOther(node: SyntaxNode | undefined, depth: number): Expr {
    return node ? this.expr(node, depth + 1) : { k: 'other', from: this.base, to: this.base, children: [] };
  }

  expr(node: SyntaxNode, depth: number): Expr {
    const s = this.span(node);
    if (depth > MAX_DEPTH) return { k: 'other', ...s, children: [] };
    const d = depth + 1;
    switch (node.name) {
      case 'VariableName':
        return { k: 'name', ...s, name: this.src(node) };
      case 'Number':
        return { k: 'num', ...s, value: numberValue(this.src(node)) };
      case 'String':
        return { k: 'str', ...s, value: stringValue(this.src(node)) };
      case 'ContinuedString': {
        const parts = kids(node);
        if (parts.some((p) => p.name !== 'String')) return this.other(node, depth);
        return { k: 'str', ...s, value: parts.map((p) => stringValue(this.src(p))).join('') };
      }
      case 'Boolean':
        return { k: 'const', ...s, value: this.src(node) === 'True' };
      case 'None':
        return { k: 'const', ...s, value: null };
      case 'ParenthesizedExpression': {
        const inner = kids(node).filter((c) => !OPEN_CLOSE.has(c.name));
        return inner.length === 1 ? this.expr(inner[0], d) : this.other(node, depth);
      }
      case 'MemberExpression':
        return this.member(node, depth);
      case 'CallExpression': {
        const ch = kids(node);
        const argList = ch.find((c) => c.name === 'ArgList');
        if (!ch[0] || ch[0] === argList) return this.other(node, depth);
        const call: Expr = { k: 'call', ...s, callee: this.expr(ch[0], d), args: argList ? this.args(argList, depth) : [] };
        if (argList?.lastChild?.name !== ')') call.incomplete = true;
        return call;
      }
      case 'BinaryExpression': {
        const ch = kids(node);
        if (ch.length < 3) return this.other(node, depth);
        const left = ch[0];
        const right = ch[ch.length - 1];
        const op = this.text.slice(left.to, right.from).trim().replace(/\s+/g, ' ');
        return { k: 'bin', ...s, op, left: this.expr(left, d), right: this.expr(right, d) };
      }
      case 'UnaryExpression': {
        const ch = kids(node);
        if (ch.length < 2) return this.other(node, depth);
        return { k: 'unary', ...s, op: this.src(ch[0]), operand: this.expr(ch[ch.length - 1], d) };
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression': {
        const k = node.name === 'TupleExpression' ? 'tuple' : node.name === 'ArrayExpression' ? 'list' : 'set';
        const inner = kids(node).filter((c) => !OPEN_CLOSE.has(c.name));
        return { k, ...s, items: splitCommas(inner).map((g) => this.group(g, d)) };
      }
      case 'ArrayComprehensionExpression':
      case 'ComprehensionExpression':
      case 'SetComprehensionExpression':
        return this.comprehension(node, depth);
      case 'ConditionalExpression': {
        const ch = kids(node);
        const ifIdx = ch.findIndex((c) => c.name === 'if');
        const elseIdx = ch.findIndex((c) => c.name === 'else');
        if (ifIdx !== 1 || elseIdx !== 3 || !ch[4]) return this.other(node, depth);
        return { k: 'cond', ...s, then: this.expr(ch[0], d), test: this.expr(ch[2], d), orelse: this.expr(ch[4], d) };
      }
      default:
        return this.other(node, depth);
    }
  }

  private member(node: SyntaxNode, depth: number): Expr {
    const s = this.span(node);
    const d = depth + 1;
    const ch = kids(node);
    if (!ch[0]) return this.other(node, depth);
    const obj = this.expr(ch[0], d);
    if (ch[1]?.name === '.') {
      const prop = ch[2];
      if (!prop || prop.name !== 'PropertyName') return { k: 'other', ...s, children: [obj] };
      return { k: 'attr', ...s, obj, attr: this.src(prop) };
    }
    const inner = ch.slice(1).filter((c) => c.name !== '[' && c.name !== ']');
    const items = splitCommas(inner).map((g) => this.sliceOrExpr(g, node, d));
    return { k: 'subscript', ...s, obj, items };
  }

  private sliceOrExpr(group: SyntaxNode[], parent: SyntaxNode, depth: number): Expr {
    if (!group.some((c) => c.name === ':')) return this.group(group, depth);
    const parts: (SyntaxNode | undefined)[] = [undefined];
    for (const c of group) {
      if (c.name === ':') parts.push(undefined);
      else parts[parts.length - 1] = c;
    }
    const conv = (n: SyntaxNode | undefined) => (n ? this.expr(n, depth + 1) : undefined);
    return {
      k: 'slice', ...this.span(group[0] ?? parent, group[group.length - 1] ?? parent),
      lower: conv(parts[0]), upper: conv(parts[1]), step: conv(parts[2]),
    };
  }

  private comprehension(node: SyntaxNode, depth: number): Expr {
    const d = depth + 1;
    const ch = kids(node).filter((c) => !OPEN_CLOSE.has(c.name));
    const firstFor = ch.findIndex((c) => c.name === 'for');
    if (firstFor < 1) return this.other(node, depth);
    const loops: { target: Expr; iter: Expr }[] = [];
    const conditions: Expr[] = [];
    let i = firstFor;
    while (i < ch.length) {
      if (ch[i].name === 'for') {
        const inIdx = ch.findIndex((c, j) => j > i && c.name === 'in');
        if (inIdx < 0 || !ch[inIdx + 1]) break;
        loops.push({ target: this.exprList(ch.slice(i + 1, inIdx), node, d), iter: this.expr(ch[inIdx + 1], d) });
        i = inIdx + 2;
      } else if (ch[i].name === 'if' && ch[i + 1]) {
        conditions.push(this.expr(ch[i + 1], d));
        i += 2;
      } else i++;
    }
    return { k: 'comp', ...this.span(node), element: this.exprList(ch.slice(0, firstFor), node, d), loops, conditions };
  }

  private args(node: SyntaxNode, depth: number): Arg[] {
    const d = depth + 1;
    const out: Arg[] = [];
    const inner = kids(node).filter((c) => c.name !== '(' && c.name !== ')');
    for (const group of splitCommas(inner)) {
      const { from, to } = this.span(group[0], group[group.length - 1]);
      const first = group[0].name;
      if ((first === '*' || first === '**') && group[1]) {
        out.push({ from, to, star: first, value: this.expr(group[1], d) });
      } else if (group.length >= 3 && group[0].name === 'VariableName' && group[1].name === 'AssignOp') {
        out.push({ from, to, name: this.src(group[0]), value: this.expr(group[2], d) });
      } else if (group.some((c) => c.name === 'for')) {
        out.push({ from, to, value: { k: 'other', from, to, children: group.filter((c) => c.firstChild || isLeafExpr(c)).map((c) => this.expr(c, d)) } });
      } else {
        out.push({ from, to, value: this.expr(group[0], d) });
      }
    }
    return out;
  }
}

function isLeafExpr(node: SyntaxNode): boolean {
  return node.name === 'VariableName' || node.name === 'Number' || node.name === 'String' || node.name === 'Boolean' || node.name === 'None';
}
