// Visits every expression of a module with the scope it is evaluated in.

import { eachStmtBody, eachStmtExpr, eachSubExpr, type Expr, type Stmt } from './ast';
import type { Scope, ScopeTable } from './scopes';

/** `callee` is true for the callee of a call: `nn.ReLU` in `nn.ReLU()` is spelled, not referenced. */
export type ExprVisitor = (e: Expr, scope: Scope, callee: boolean) => void;

export function walkModule(module: Stmt[], table: ScopeTable, visit: ExprVisitor): void {
  new Walker(table, visit).body(module);
}

/** The walk keeps its scope in a field, so that the callbacks it hands out are made once, not per node. */
class Walker {
  private scope: Scope;
  private readonly onExpr = (e: Expr) => this.expr(e, false);
  private readonly onBody = (body: Stmt[]) => this.body(body);

  constructor(private readonly table: ScopeTable, private readonly visit: ExprVisitor) {
    this.scope = table.module;
  }

  body(body: Stmt[]): void {
    for (const s of body) {
      // Decorators, defaults and base classes are evaluated in the enclosing scope.
      eachStmtExpr(s, this.onExpr);
      const outer = this.scope;
      if (s.k === 'def' || s.k === 'class') this.scope = this.table.of.get(s) ?? outer;
      eachStmtBody(s, this.onBody);
      this.scope = outer;
    }
  }

  private expr(e: Expr, callee: boolean): void {
    this.visit(e, this.scope, callee);
    if (e.k === 'call') {
      this.expr(e.callee, true);
      for (const a of e.args) this.expr(a.value, false);
      return;
    }
    // The object of a name chain (`nn` in `nn.ReLU`) is part of the spelling, not a value of its own.
    if (e.k === 'attr' && (e.obj.k === 'name' || e.obj.k === 'attr')) {
      this.chain(e.obj);
      return;
    }
    eachSubExpr(e, this.onExpr);
  }

  /** Descends a name chain without visiting its prefixes, down to a non-name object (`f(x).a.b`). */
  private chain(e: Expr): void {
    let cur = e;
    while (cur.k === 'attr') cur = cur.obj;
    if (cur.k !== 'name') this.expr(cur, false);
  }
}
