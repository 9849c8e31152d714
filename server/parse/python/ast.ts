// A small Python syntax tree, converted from lezer's concrete tree: only what the analysis reads.
// Spans are offsets into the document; `other` keeps the sub-expressions of constructs the
// analysis does not interpret (dict comprehensions, lambdas, f-strings) so walks still reach calls inside them.

export interface Span { from: number; to: number }

export type Expr =
  | NameExpr | AttrExpr | SubscriptExpr | SliceExpr | CallExpr | NumExpr | StrExpr | ConstExpr
  | BinExpr | UnaryExpr | SeqExpr | DictExpr | CompExpr | CondExpr | StarExpr | OtherExpr;

export interface NameExpr extends Span { k: 'name'; name: string }
export interface AttrExpr extends Span { k: 'attr'; obj: Expr; attr: string }
export interface SubscriptExpr extends Span { k: 'subscript'; obj: Expr; items: Expr[] }
export interface SliceExpr extends Span { k: 'slice'; lower?: Expr; upper?: Expr; step?: Expr }
export interface Arg extends Span {
  /** Keyword of a `name=value` argument. */
  name?: string;
  star?: '*' | '**';
  value: Expr;
}
export interface CallExpr extends Span {
  k: 'call';
  callee: Expr;
  args: Arg[];
  /** The closing parenthesis is missing (code being typed). */
  incomplete?: boolean;
}
/** NaN for literals the analysis has no use for (complex numbers). */
export interface NumExpr extends Span { k: 'num'; value: number }
/** A plain string literal (adjacent literals joined); f-strings are `other`. */
export interface StrExpr extends Span { k: 'str'; value: string }
export interface ConstExpr extends Span { k: 'const'; value: boolean | null }
/** Arithmetic, bitwise, comparison and boolean operators; `op` is the operator text (`*`, `is not`, `and`). */
export interface BinExpr extends Span { k: 'bin'; op: string; left: Expr; right: Expr }
export interface UnaryExpr extends Span { k: 'unary'; op: string; operand: Expr }
export interface SeqExpr extends Span { k: 'list' | 'tuple' | 'set'; items: Expr[] }
/** A dict display, entries in source order; an entry without a key is a `**spread` of `value`. */
export interface DictExpr extends Span { k: 'dict'; entries: { key?: Expr; value: Expr }[] }
export interface CompExpr extends Span { k: 'comp'; element: Expr; loops: { target: Expr; iter: Expr }[]; conditions: Expr[] }
export interface CondExpr extends Span { k: 'cond'; test: Expr; then: Expr; orelse: Expr }
export interface StarExpr extends Span { k: 'star'; value: Expr }
export interface OtherExpr extends Span { k: 'other'; children: Expr[] }

export interface Param {
  name: string;
  default?: Expr;
  /** `*args` and `**kwargs`; `kwonly` for parameters after a bare `*` or `*args`. */
  kind: 'normal' | 'kwonly' | 'star' | 'dstar';
}

export interface ImportName {
  /** Dotted path as written: `torch.nn` in `import torch.nn as nn`, `Linear` in `from torch.nn import Linear`. */
  path: string;
  alias?: string;
}

export type Stmt =
  | (Span & { k: 'assign'; targets: Expr[]; value: Expr })
  | (Span & { k: 'aug'; target: Expr; op: string; value: Expr })
  | (Span & { k: 'expr'; value: Expr })
  | (Span & { k: 'return'; value?: Expr })
  | (Span & { k: 'if'; branches: { test?: Expr; body: Stmt[] }[] })
  | (Span & { k: 'for'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Span & { k: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Span & { k: 'with'; items: { value: Expr; target?: Expr }[]; body: Stmt[] })
  | (Span & { k: 'try'; body: Stmt[]; handlers: Stmt[][]; orelse: Stmt[]; finalbody: Stmt[] })
  | FunctionDef
  | ClassDef
  /** `module` is the `from` module with its leading dots (`.layers`); absent for `import a.b`. */
  | (Span & { k: 'import'; module?: string; names: ImportName[]; star: boolean })
  /** Statements the analysis does not interpret; their expressions are kept for walks. */
  | (Span & { k: 'other'; exprs: Expr[] });

export interface FunctionDef extends Span {
  k: 'def';
  name: string;
  nameSpan: Span;
  params: Param[];
  body: Stmt[];
  decorators: Expr[];
}

export interface ClassDef extends Span {
  k: 'class';
  name: string;
  nameSpan: Span;
  bases: Arg[];
  body: Stmt[];
  decorators: Expr[];
}

/** Calls `fn` on each sub-expression of `e`, in source order (no arrays: walks run over every node). */
export function eachSubExpr(e: Expr, fn: (sub: Expr) => void): void {
  switch (e.k) {
    case 'attr': fn(e.obj); return;
    case 'subscript': fn(e.obj); for (const i of e.items) fn(i); return;
    case 'slice':
      if (e.lower) fn(e.lower);
      if (e.upper) fn(e.upper);
      if (e.step) fn(e.step);
      return;
    case 'call': fn(e.callee); for (const a of e.args) fn(a.value); return;
    case 'bin': fn(e.left); fn(e.right); return;
    case 'unary': fn(e.operand); return;
    case 'list': case 'tuple': case 'set': for (const i of e.items) fn(i); return;
    case 'dict':
      for (const entry of e.entries) {
        if (entry.key) fn(entry.key);
        fn(entry.value);
      }
      return;
    case 'comp':
      fn(e.element);
      for (const l of e.loops) {
        fn(l.target);
        fn(l.iter);
      }
      for (const c of e.conditions) fn(c);
      return;
    case 'cond': fn(e.then); fn(e.test); fn(e.orelse); return;
    case 'star': fn(e.value); return;
    case 'other': for (const c of e.children) fn(c); return;
    default: return;
  }
}

/** Calls `fn` on each expression directly inside a statement (not in nested bodies), in source order. */
export function eachStmtExpr(s: Stmt, fn: (e: Expr) => void): void {
  switch (s.k) {
    case 'assign': for (const t of s.targets) fn(t); fn(s.value); return;
    case 'aug': fn(s.target); fn(s.value); return;
    case 'expr': fn(s.value); return;
    case 'return': if (s.value) fn(s.value); return;
    case 'if': for (const b of s.branches) if (b.test) fn(b.test); return;
    case 'for': fn(s.target); fn(s.iter); return;
    case 'while': fn(s.test); return;
    case 'with':
      for (const i of s.items) {
        fn(i.value);
        if (i.target) fn(i.target);
      }
      return;
    case 'def':
      for (const d of s.decorators) fn(d);
      for (const p of s.params) if (p.default) fn(p.default);
      return;
    case 'class':
      for (const d of s.decorators) fn(d);
      for (const b of s.bases) fn(b.value);
      return;
    case 'other': for (const e of s.exprs) fn(e); return;
    default: return;
  }
}

/** Calls `fn` on each statement body nested in a statement (function and class bodies included). */
export function eachStmtBody(s: Stmt, fn: (body: Stmt[]) => void): void {
  switch (s.k) {
    case 'if': for (const b of s.branches) fn(b.body); return;
    case 'for': case 'while': fn(s.body); fn(s.orelse); return;
    case 'with': fn(s.body); return;
    case 'try':
      fn(s.body);
      for (const h of s.handlers) fn(h);
      fn(s.orelse);
      fn(s.finalbody);
      return;
    case 'def': case 'class': fn(s.body); return;
    default: return;
  }
}
