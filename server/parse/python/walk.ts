// Visits every expression of a module with the scope it is evaluated in.

import { eachSubExpr, stmtBodies, stmtExprs, type Expr, type Stmt } from './ast';
import type { Scope, ScopeTable } from './scopes';

/** `callee` is true for the callee of a call: `nn.ReLU` in `nn.ReLU()` is spelled, not referenced. */
export type ExprVisitor = (e: Expr, scope: Scope, callee: boolean) => void;

export function walkModule(module: Stmt[], table: ScopeTable, visit: ExprVisitor): void {
  walkBody(module, table.module, table, visit);
}

function walkBody(body: Stmt[], scope: Scope, table: ScopeTable, visit: ExprVisitor): void {
  for (const s of body) {
    // Decorators, defaults and base classes are evaluated in the enclosing scope.
    for (const e of stmtExprs(s)) walkExpr(e, scope, false, visit);
    const inner = s.k === 'def' || s.k === 'class' ? table.of.get(s) ?? scope : scope;
    for (const b of stmtBodies(s)) walkBody(b, inner, table, visit);
  }
}

function walkExpr(e: Expr, scope: Scope, callee: boolean, visit: ExprVisitor): void {
  visit(e, scope, callee);
  if (e.k === 'call') {
    walkExpr(e.callee, scope, true, visit);
    for (const a of e.args) walkExpr(a.value, scope, false, visit);
    return;
  }
  // The object of a name chain (`nn` in `nn.ReLU`) is part of the spelling, not a value of its own.
  if (e.k === 'attr' && (e.obj.k === 'name' || e.obj.k === 'attr')) {
    walkChain(e.obj, scope, visit);
    return;
  }
  eachSubExpr(e, (sub) => walkExpr(sub, scope, false, visit));
}

/** Descends a name chain without visiting its prefixes, down to a non-name object (`f(x).a.b`). */
function walkChain(e: Expr, scope: Scope, visit: ExprVisitor): void {
  let cur = e;
  while (cur.k === 'attr') cur = cur.obj;
  if (cur.k !== 'name') walkExpr(cur, scope, false, visit);
}
