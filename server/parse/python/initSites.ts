// The first of the initialiser reader's two walks (initializers.ts): the functions passed to
// `.apply(fn)`, which the second walk needs before it reaches their definitions, and where a call
// that may set an initialiser is at all. Most files have none, and then the second walk is
// skipped; otherwise it runs only through the definitions that hold one.

import { eachStmtBody, eachStmtExpr, eachSubExpr, type CallExpr, type ClassDef, type Expr, type Stmt } from './ast';
import type { Resolver, Scope, ScopeTable } from './scopes';

export type Part = 'weight' | 'bias';

export const KERAS_KEYWORDS: ReadonlyMap<string, Part> = new Map([['kernel_initializer', 'weight'], ['bias_initializer', 'bias']]);
export const TENSOR_METHODS = new Set(['normal_', 'uniform_', 'zero_', 'fill_']);

/**
 * Text every setting call's module has: its keyword, its method, or `init` as a word (a
 * `torch.nn.init` path is made of the names an import or alias spells). Without any, nothing is walked.
 */
const SPELLINGS = /_initializer|normal_|uniform_|zero_|fill_|\binit\b/;

export interface InitSites {
  /** Whether any call in the module may set an initialiser. */
  any: boolean;
  /** Functions passed to `.apply`, by name, with the receivers they are applied to. */
  applied: Map<string, { receiver: string; cls?: ClassDef }[]>;
  /** The `def` and `class` statements with a call in them that may set an initialiser. */
  settingDefinitions: Set<Stmt>;
}

export function scanInitSites(module: Stmt[], table: ScopeTable, resolver: Resolver, text: string): InitSites {
  const scan = new Scan(table, resolver, text);
  if (SPELLINGS.test(text)) scan.body(module);
  return { any: scan.setting, applied: scan.applied, settingDefinitions: scan.settingDefinitions };
}

/** The walk keeps its state in fields, so that the callbacks it hands out are made once, not per node. */
class Scan {
  readonly applied = new Map<string, { receiver: string; cls?: ClassDef }[]>();
  readonly settingDefinitions = new Set<Stmt>();
  /** Whether the statement being walked (or, at the end, the module) holds a setting call. */
  setting = false;
  private scope: Scope;
  private cls: ClassDef | undefined;
  private readonly onExpr = (e: Expr): void => this.expr(e);
  readonly body = (body: Stmt[]): void => {
    for (const s of body) this.stmt(s);
  };

  constructor(private readonly table: ScopeTable, private readonly resolver: Resolver, private readonly text: string) {
    this.scope = table.module;
  }

  private stmt(s: Stmt): void {
    const { scope, cls, setting } = this;
    this.setting = false;
    // Decorators, defaults and base classes are evaluated in the enclosing scope.
    eachStmtExpr(s, this.onExpr);
    const definition = s.k === 'def' || s.k === 'class';
    if (definition) this.scope = this.table.of.get(s) ?? scope;
    if (s.k === 'class') this.cls = s;
    eachStmtBody(s, this.body);
    if (definition && this.setting) this.settingDefinitions.add(s);
    this.scope = scope;
    this.cls = cls;
    this.setting ||= setting;
  }

  private expr(e: Expr): void {
    if (e.k === 'call') {
      if (!this.setting && this.maySet(e)) this.setting = true;
      this.recordApply(e);
    }
    eachSubExpr(e, this.onExpr);
  }

  /** A Keras initializer keyword, a `torch.nn.init` function, an in-place tensor method: the calls the second walk reads settings from. */
  private maySet(call: CallExpr): boolean {
    const callee = call.callee;
    if (callee.k === 'attr' && TENSOR_METHODS.has(callee.attr)) return true;
    if (call.args.some((a) => a.name && KERAS_KEYWORDS.has(a.name))) return true;
    return (callee.k === 'attr' || callee.k === 'name') && (this.resolver.qualify(callee, this.scope)?.startsWith('torch.nn.init.') ?? false);
  }

  private recordApply(call: CallExpr): void {
    if (call.callee.k !== 'attr' || call.callee.attr !== 'apply' || call.args.length !== 1) return;
    const fn = call.args[0].value;
    const name = fn.k === 'name' ? fn.name : fn.k === 'attr' && fn.obj.k === 'name' && fn.obj.name === 'self' ? fn.attr : undefined;
    if (!name) return;
    const list = this.applied.get(name) ?? [];
    list.push({ receiver: this.text.slice(call.callee.obj.from, call.callee.obj.to), cls: this.cls });
    this.applied.set(name, list);
  }
}
