// Reading the @lezer/javascript tree: node text, literals, object and argument lists, and the
// wrappers that do not change a value (parentheses, `as`/`satisfies` casts, `!`, `await`).

import type { SyntaxNode } from '@lezer/common';

export type Literal = string | number | boolean | null;

export class Source {
  constructor(readonly text: string) {}

  of(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }
}

export function children(n: SyntaxNode | null | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n?.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Punctuation, comments and the keywords that only shape a construct; `this` and `null` are values and stay. */
const NOT_PARTS = new Set([
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '?.', '...', 'Spread', 'Equals', 'Arrow', 'LineComment', 'BlockComment',
  'const', 'let', 'var', 'function', 'class', 'return', 'new', 'async', 'await', 'export', 'import', 'from', 'as', 'extends',
  'if', 'else', 'for', 'of', 'in', 'while', 'do', 'satisfies', 'typeof', 'void', 'delete', 'yield', 'static', 'readonly',
  'public', 'private', 'protected', 'declare', 'abstract', 'default', 'try', 'catch', 'finally', 'throw', 'switch', 'case',
]);

/** Child nodes that carry meaning: not punctuation, comments or structural keywords. */
export function parts(n: SyntaxNode | null | undefined): SyntaxNode[] {
  return children(n).filter((c) => !NOT_PARTS.has(c.name));
}

/** The expression inside parentheses, casts (`x as T`, `x satisfies T`), non-null `x!` and `await x`. */
export function unwrap(n: SyntaxNode): SyntaxNode {
  let cur = n;
  for (let i = 0; i < 64; i++) {
    const first = cur.firstChild;
    if (cur.name === 'ParenthesizedExpression' && first) {
      const inner = parts(cur)[0];
      if (!inner) return cur;
      cur = inner;
    } else if (cur.name === 'BinaryExpression' && first && (first.nextSibling?.name === 'as' || first.nextSibling?.name === 'satisfies')) {
      cur = first;
    } else if (cur.name === 'PostfixExpression' && first && cur.lastChild?.name === 'LogicOp') {
      cur = first; // `x!`: the only postfix logic operator
    } else if (cur.name === 'AwaitExpression') {
      const inner = parts(cur)[0];
      if (!inner) return cur;
      cur = inner;
    } else {
      return cur;
    }
  }
  return cur;
}

function unquote(raw: string): string | undefined {
  const q = raw[0];
  if ((q !== '"' && q !== "'" && q !== '`') || raw[raw.length - 1] !== q || raw.length < 2) return undefined;
  const body = raw.slice(1, -1);
  if (q === '`' && body.includes('${')) return undefined;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** A literal value: string (quotes and templates without substitutions), number, boolean, null. */
export function literal(src: Source, n: SyntaxNode | undefined): Literal | undefined {
  if (!n) return undefined;
  const e = unwrap(n);
  switch (e.name) {
    case 'String': case 'TemplateString': return unquote(src.of(e));
    case 'Number': {
      const v = Number(src.of(e).replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'BooleanLiteral': return src.of(e) === 'true';
    case 'null': return null;
    case 'UnaryExpression': {
      const [op, operand] = children(e);
      const v = operand && literal(src, operand);
      if (typeof v !== 'number') return undefined;
      const sign = src.of(op);
      return sign === '-' ? -v : sign === '+' ? v : undefined;
    }
    default: return undefined;
  }
}

/** Properties of an object literal by key; a shorthand `{layers}` maps to its name node. Computed keys are skipped. */
export function objectProperties(src: Source, n: SyntaxNode | undefined): Map<string, { key: SyntaxNode; value: SyntaxNode }> {
  const out = new Map<string, { key: SyntaxNode; value: SyntaxNode }>();
  const obj = n && unwrap(n);
  if (obj?.name !== 'ObjectExpression') return out;
  for (const p of children(obj)) {
    if (p.name !== 'Property') continue;
    const [key, ...rest] = parts(p);
    if (!key) continue;
    const name = key.name === 'PropertyDefinition' ? src.of(key) : key.name === 'String' ? unquote(src.of(key)) : undefined;
    if (name === undefined) continue;
    const value = rest[rest.length - 1] ?? key;
    out.set(name, { key, value });
  }
  return out;
}

/** The arguments of a call. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  return parts(call.getChild('ArgList'));
}

/** `a.b.c` → ['a', 'b', 'c'] for member chains of plain names; undefined for anything else. */
export function memberPath(src: Source, n: SyntaxNode): string[] | undefined {
  const e = unwrap(n);
  if (e.name === 'VariableName') return [src.of(e)];
  if (e.name === 'this') return ['this'];
  if (e.name !== 'MemberExpression') return undefined;
  const [obj, prop] = parts(e);
  if (!obj || prop?.name !== 'PropertyName') return undefined;
  const head = memberPath(src, obj);
  return head && [...head, src.of(prop)];
}
