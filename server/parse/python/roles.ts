// Marks activation uses that are not layer activations: gates (the output multiplies another
// tensor: GLU, LSTM/GRU cells written by hand, `x * torch.sigmoid(g)`) and attention softmaxes
// (a softmax over query-key products). Per function body, names are followed to their
// assignments, so `i = torch.sigmoid(...)` … `c = f * c + i * g` marks the sigmoid.

import type { ActivationUse } from '../../model/layerStack';
import { eachStmtBody, eachStmtExpr, eachSubExpr, type Expr, type Span, type Stmt } from './ast';
import { MATMULS } from './catalog';
import type { Registry } from './registry';

const SOFTMAX_IDS = new Set(['softmax', 'log_softmax']);

/** Per scope: what each name is assigned, and which names are multiplied; the file's weight variables. */
interface ScopeFacts {
  assigned: Map<string, Expr[]>;
  multiplied: Set<string>;
  weights: ReadonlySet<string>;
}

/** Calls that create trainable weights: a product with one is a layer, not query-key scores. */
const WEIGHT_FACTORIES = new Set(['Variable', 'get_variable', 'Parameter']);

export function markRoles(module: Stmt[], registry: Registry, text: string): void {
  const uses = [...registry.activations];
  const offsets = uses.map(([e]) => e.from).sort((a, b) => a - b);
  const softmaxOffsets = uses.filter(([, u]) => SOFTMAX_IDS.has(u.id)).map(([e]) => e.from).sort((a, b) => a - b);
  const stars = starOffsets(text);
  let weights: ReadonlySet<string> | undefined;
  for (const { body, span } of scopeBodies(module)) {
    // A function matters with a softmax in it, or an activation and a product (no `*`, no product).
    if (span && !hasOffsetIn(softmaxOffsets, span.from, span.to)
      && !(hasOffsetIn(offsets, span.from, span.to) && hasOffsetIn(stars, span.from, span.to))) continue;
    weights ??= weightNames(module);
    const facts: ScopeFacts = { assigned: new Map(), multiplied: new Set(), weights };
    const softmaxes = gather(body, facts, registry);
    for (const name of facts.multiplied) {
      for (const value of facts.assigned.get(name) ?? []) {
        const use = registry.activations.get(value);
        if (use) use.gating = true;
      }
    }
    for (const e of softmaxes) {
      const use = registry.activations.get(e)!;
      if (!use.gating && overScores(e, use, facts)) use.role = 'attention';
    }
  }
}

/** The module body and every function body (with its span), each its own scope. */
function scopeBodies(module: Stmt[]): { body: Stmt[]; span?: Span }[] {
  const out: { body: Stmt[]; span?: Span }[] = [{ body: module }];
  const visit = (body: Stmt[]) => {
    for (const s of body) {
      if (s.k === 'def') out.push({ body: s.body, span: s });
      eachStmtBody(s, visit);
    }
  };
  visit(module);
  return out;
}

/** Names and attributes (`W`, `self.W`) the file assigns a weight factory's result (`tf.Variable(...)`, `nn.Parameter(...)`). */
function weightNames(module: Stmt[]): Set<string> {
  const out = new Set<string>();
  const visit = (body: Stmt[]) => {
    for (const s of body) {
      if (s.k === 'assign' && s.value.k === 'call' && WEIGHT_FACTORIES.has(lastName(s.value.callee))) {
        for (const t of s.targets) if (t.k === 'name' || t.k === 'attr') out.add(lastName(t));
      }
      eachStmtBody(s, visit);
    }
  };
  visit(module);
  return out;
}

function lastName(e: Expr): string {
  return e.k === 'attr' ? e.attr : e.k === 'name' ? e.name : '';
}

/** A layer's weight: `weights['out']` (TF1 tutorials keep them in dicts) or a variable made by a weight factory. */
function isWeight(e: Expr | undefined, facts: ScopeFacts): boolean {
  if (!e) return false;
  if (e.k === 'subscript') return e.items.length === 1 && e.items[0].k === 'str';
  return (e.k === 'name' || e.k === 'attr') && facts.weights.has(lastName(e));
}

/** Offsets of every `*` in the text, ascending. */
function starOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) out.push(i);
  return out;
}

/** Whether sorted `offsets` has one in [from, to). */
function hasOffsetIn(offsets: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo] < to;
}

/**
 * Records the assignments of one scope (nested function bodies excluded) and marks the products
 * in it; returns its softmax uses, to be judged once the scope's assignments are all known.
 */
function gather(body: Stmt[], facts: ScopeFacts, registry: Registry): Expr[] {
  const softmaxes: Expr[] = [];
  const visitExpr = (e: Expr): void => {
    markProducts(e, facts, registry);
    const use = registry.activations.get(e);
    if (use && SOFTMAX_IDS.has(use.id)) softmaxes.push(e);
    eachSubExpr(e, visitExpr);
  };
  const visitBody = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (s.k === 'def') continue;
      if (s.k === 'assign') {
        for (const t of s.targets) {
          if (t.k !== 'name') continue;
          const list = facts.assigned.get(t.name);
          if (list) list.push(s.value);
          else facts.assigned.set(t.name, [s.value]);
        }
      }
      // `x *= torch.sigmoid(g)` multiplies as `x * torch.sigmoid(g)` does.
      if (s.k === 'aug' && s.op === '*') markProducts({ k: 'bin', op: '*', left: s.target, right: s.value, from: s.from, to: s.to }, facts, registry);
      eachStmtExpr(s, visitExpr);
      eachStmtBody(s, visitBody);
    }
  };
  visitBody(body);
  return softmaxes;
}

function markProducts(e: Expr, facts: ScopeFacts, registry: Registry): void {
  if (e.k !== 'bin' || e.op !== '*') return;
  for (const [side, other] of [[e.left, e.right], [e.right, e.left]] as const) {
    if (isScalar(other)) continue;
    // `p * (1 - p)`: the derivative of a sigmoid output p (backprop written by hand), not a gate.
    const otherNames = new Set(factors(other).flatMap((f) => (f.k === 'name' ? [f.name] : [])));
    for (const factor of factors(side)) {
      if (factor.k === 'name' && otherNames.has(factor.name)) continue;
      if (factor.k === 'name') facts.multiplied.add(factor.name);
      const use = registry.activations.get(factor);
      if (use) use.gating = true;
    }
  }
}

/** The operands an arithmetic expression combines: `(1 - z)` yields `1` and `z`; calls are leaves. */
function factors(e: Expr): Expr[] {
  if (e.k === 'bin' && ['+', '-', '*', '/'].includes(e.op)) return [...factors(e.left), ...factors(e.right)];
  if (e.k === 'unary' && e.op === '-') return factors(e.operand);
  return [e];
}

function isScalar(e: Expr): boolean {
  if (e.k === 'num') return true;
  if (e.k === 'unary') return isScalar(e.operand);
  if (e.k === 'bin' && ['+', '-', '*', '/', '**'].includes(e.op)) return isScalar(e.left) && isScalar(e.right);
  return false;
}

/** The tensor a softmax use normalises: the receiver of a method, the first argument of a function. */
function softmaxInput(node: Expr, use: ActivationUse): Expr | undefined {
  if (node.k !== 'call') return undefined;
  if (use.form === 'method') return node.callee.k === 'attr' ? node.callee.obj : undefined;
  if (use.form !== 'functional') return undefined;
  return (node.args.find((a) => a.name === 'input' || a.name === 'logits') ?? node.args.find((a) => !a.name))?.value;
}

function overScores(node: Expr, use: ActivationUse, facts: ScopeFacts): boolean {
  const input = softmaxInput(node, use);
  return input !== undefined && hasMatmul(input, facts, new Set(), 0);
}

/** Whether `e` is (scaled, masked, reshaped) a matrix product, following names to their assignments. */
function hasMatmul(e: Expr, facts: ScopeFacts, seen: Set<string>, depth: number): boolean {
  if (depth > 8) return false;
  switch (e.k) {
    case 'bin':
      if (e.op === '@') return !isWeight(e.right, facts);
      return ['+', '-', '*', '/'].includes(e.op) && (hasMatmul(e.left, facts, seen, depth + 1) || hasMatmul(e.right, facts, seen, depth + 1));
    case 'name': {
      if (seen.has(e.name)) return false;
      seen.add(e.name);
      return (facts.assigned.get(e.name) ?? []).some((v) => hasMatmul(v, facts, seen, depth + 1));
    }
    case 'call': {
      const callee = e.callee;
      const name = callee.k === 'attr' ? callee.attr : callee.k === 'name' ? callee.name : '';
      if (MATMULS.has(name)) return !isWeight(e.args.filter((a) => !a.name)[1]?.value, facts);
      // Methods on the scores (`scores.masked_fill(mask, -inf)`) keep them scores.
      return callee.k === 'attr' && hasMatmul(callee.obj, facts, seen, depth + 1);
    }
    case 'subscript':
      return hasMatmul(e.obj, facts, seen, depth + 1);
    default:
      return false;
  }
}
