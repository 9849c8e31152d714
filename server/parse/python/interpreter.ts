// The evaluator: runs the module's code over abstract values to find which layers data passes
// through, in order. It follows assignments, calls of the file's own functions and classes
// (forward/call methods, helpers such as VAE.decode), loops with a known count, and both sides
// of conditions it cannot decide, joining what they assign. A step budget and a call-depth cap
// bound the work on any input.

import type { ActivationUse, Framework, Layer, LossUse } from '../../model/layerStack';
import type { UseContext } from './activationUses';
import type { Arg, CallExpr, ClassDef, Expr, FunctionDef, Span, Stmt } from './ast';
import { Branches, type Status } from './branches';
import { BUILTINS, callBuiltin, type BuiltinHost } from './builtins';
import { Candidates } from './candidates';
import { canonical, METADATA } from './catalog';
import { constantBinary } from './constants';
import { callFramework, mergeValues, predictionArg, type Host } from './frameworkCalls';
import { addFlows, applyLayers, chainOf, mergeChains, multiplyFlows, product } from './flows';
import { recordDraw } from './initializers';
import type { LayerFactory } from './layers';
import { callMethod, extend, type MethodHost } from './methods';
import { ModuleCalls } from './moduleCalls';
import type { Registry } from './registry';
import type { Resolver, ScopeTable } from './scopes';
import { dataArg, type CallSite } from './site';
import {
  Chain, Env, flow, join, NONE, weightWidths, solid, truthy, UNKNOWN,
  type Candidate, type ClassInfo, type DictValue, type Flow, type FuncInfo, type Instance, type Item, type SequenceValue, type Value,
} from './values';

/**
 * Work budgets, in statements and expressions evaluated: per root (a module-level statement, a
 * class or function evaluated on its own) so that one pathological definition cannot starve the
 * rest, and per document, growing with its length.
 */
const ROOT_STEPS = 100_000;
const DOCUMENT_STEPS_MIN = 400_000;
const DOCUMENT_STEPS_PER_LINE = 40;
const MAX_CALL_DEPTH = 8;
/** Loop iterations followed; longer loops (never seen building a model) are cut. */
const MAX_ITERATIONS = 256;

/** The keyword arguments of calls without any (most calls): shared, never written. */
const NO_KEYWORDS: ReadonlyMap<string, Value> = new Map();
const NO_KEYWORD_ARGS: ReadonlyMap<string, Arg> = new Map();

/** How a function is entered: from a call, on its own (parameters are model inputs), or as a constructor. */
type Mode = 'call' | 'standalone' | 'config';

const WEIGHTED = new Set(['linear', 'conv', 'recurrent', 'embedding', 'attention']);
const SOFTMAX_IDS = new Set(['softmax', 'log_softmax']);
/** Dict methods that may add or replace entries. */
const DICT_MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__']);

export interface Deps {
  lineCount: number;
  table: ScopeTable;
  resolver: Resolver;
  registry: Registry;
  layers: LayerFactory;
  use: UseContext;
}

export class Interpreter implements Host, MethodHost, BuiltinHost {
  readonly registry: Registry;
  readonly layers: LayerFactory;
  readonly use: UseContext;
  readonly models: Candidates;
  private steps = 0;
  private rootSteps = 0;
  private readonly maxSteps: number;
  private readonly branchState = new Branches();
  private readonly returns: Value[][] = [];
  private readonly callStack: { fn: FuncInfo; self?: Instance }[] = [];
  private readonly classes = new Map<ClassDef, ClassInfo>();
  private readonly funcs = new Map<FunctionDef, FuncInfo>();
  /** Layers that stand for a matrix product of two flows: a softmax right after one is attention. */
  private readonly matmuls = new Set<Layer>();
  /** Layers that multiply the data by a TF weight whose draw is known: a bias added to one is its bias. */
  private readonly drawnProducts = new Set<Layer>();
  /** Calls of the file's own functions from module-level code, until the definitions are evaluated. */
  private moduleCalls: ModuleCalls | undefined = new ModuleCalls();

  constructor(private readonly deps: Deps) {
    this.registry = deps.registry;
    this.layers = deps.layers;
    this.use = deps.use;
    this.maxSteps = Math.max(DOCUMENT_STEPS_MIN, DOCUMENT_STEPS_PER_LINE * deps.lineCount);
    const e = deps.resolver.evidence;
    this.models = new Candidates(e.torch && !e.keras && !e.tensorflow ? 'pytorch' : 'keras');
  }

  /** Whether the budgets allow one more step. */
  private step(): boolean {
    return ++this.steps <= this.maxSteps && ++this.rootSteps <= ROOT_STEPS;
  }

  /** Starts the budget of a new root evaluation. */
  private root<T>(evaluate: () => T): T {
    this.rootSteps = 0;
    return evaluate();
  }

  /** Evaluates the module, then every class and function on its own; returns the stack candidates. */
  run(module: Stmt[]): Candidate[] {
    const env = new Env(this.deps.table.module);
    for (const s of module) this.root(() => this.exec(s, env));
    this.evaluateDefinitions();
    for (const [candidate, seq] of this.models.sequences) {
      this.models.setOutput(candidate, outputChain(this.root(() => this.applySequence(seq, flow(Chain.start('input'))))));
    }
    this.models.tieConsumed();
    return this.models.all;
  }

  // ---- definitions evaluated on their own ----

  private evaluateDefinitions(): void {
    const calls = this.moduleCalls!;
    this.moduleCalls = undefined;
    for (const cls of this.classes.values()) {
      if (!cls.framework) continue;
      const candidate = this.models.forClass(cls);
      const forward = this.forwardOf(cls);
      if (!forward) continue;
      this.models.setOutput(candidate, outputChain(this.root(() => firstOf(this.invoke(forward, this.instantiate(cls), undefined, 'standalone')))));
    }
    for (const fn of [...this.funcs.values()]) {
      if (fn.def.name === '__init__' || (fn.cls && this.forwardOf(fn.cls) === fn)) continue;
      const out = this.root(() => this.invoke(fn, fn.cls ? this.instantiate(fn.cls) : undefined, calls.agreed(fn), 'standalone'));
      if (out.t === 'flow' && !out.uncertain) this.models.setOutput(this.models.forFunction(fn), out.chain);
    }
  }

  // ---- statements ----

  private execBody(body: Stmt[], env: Env): Status {
    for (const s of body) if (this.exec(s, env) === 'return') return 'return';
    return 'normal';
  }

  private exec(s: Stmt, env: Env): Status {
    if (!this.step()) return 'normal';
    switch (s.k) {
      case 'expr':
        this.eval(s.value, env);
        return 'normal';
      case 'assign': {
        const v = this.eval(s.value, env);
        for (const t of s.targets) this.assign(t, v, env);
        return 'normal';
      }
      case 'aug':
        this.augment(s, env);
        return 'normal';
      case 'return': {
        const v = s.value ? this.eval(s.value, env) : NONE;
        const top = this.callStack[this.callStack.length - 1];
        // A model built and returned by a function (`def make_mlp(): ... return nn.Sequential(*layers)`) is named after it.
        if (top && (v.t === 'seq' || v.t === 'model')) this.models.name(top.fn.def.name, v);
        this.returns[this.returns.length - 1]?.push(v);
        return 'return';
      }
      case 'if':
        return this.execIf(s, env);
      case 'for':
        return this.execFor(s, env);
      case 'while':
        if (truthy(this.eval(s.test, env)) !== false) this.branches([() => this.execBody(s.body, env), () => 'normal']);
        return this.execBody(s.orelse, env);
      case 'with':
        for (const item of s.items) {
          this.eval(item.value, env);
          if (item.target) this.assign(item.target, UNKNOWN, env);
        }
        return this.execBody(s.body, env);
      case 'try': {
        if (this.execBody(s.body, env) === 'return') return 'return';
        if (s.handlers.length) this.branches([() => 'normal', ...s.handlers.map((h) => () => this.execBody(h, env))]);
        if (this.execBody(s.orelse, env) === 'return') return 'return';
        return this.execBody(s.finalbody, env);
      }
      case 'def': {
        const fn: FuncInfo = { def: s, env };
        this.funcs.set(s, fn);
        this.write(env.vars, s.name, { t: 'func', fn });
        return 'normal';
      }
      case 'class':
        this.defineClass(s, env);
        return 'normal';
      default:
        return 'normal';
    }
  }

  private execIf(s: Extract<Stmt, { k: 'if' }>, env: Env): Status {
    const arms: (() => Status)[] = [];
    let exhaustive = false;
    for (const b of s.branches) {
      const t = b.test ? truthy(this.eval(b.test, env)) : true;
      if (t === false) continue;
      arms.push(() => this.execBody(b.body, env));
      if (t === true) {
        exhaustive = true;
        break;
      }
    }
    if (!exhaustive) arms.push(() => 'normal');
    return arms.length === 1 ? arms[0]() : this.branches(arms);
  }

  private execFor(s: Extract<Stmt, { k: 'for' }>, env: Env): Status {
    const items = this.iterate(this.eval(s.iter, env));
    if (!items) {
      // Unknown length: the body is taken to run (once is all the analysis can tell).
      this.assign(s.target, UNKNOWN, env);
      if (this.execBody(s.body, env) === 'return') return 'return';
    } else {
      for (const item of items.slice(0, MAX_ITERATIONS)) {
        const run = (): Status => {
          this.assign(s.target, item.value, env);
          return this.execBody(s.body, env);
        };
        if ((item.conditional ? this.branches([run, () => 'normal']) : run()) === 'return') return 'return';
      }
    }
    return this.execBody(s.orelse, env);
  }

  write(map: Map<string, Value>, key: string, value: Value): void {
    this.branchState.write(map, key, value);
  }

  get condDepth(): number {
    return this.branchState.depth;
  }

  private branches(arms: (() => Status)[]): Status {
    return this.branchState.run(arms);
  }

  private assign(target: Expr, value: Value, env: Env): void {
    switch (target.k) {
      case 'name':
        this.write(env.vars, target.name, value);
        this.models.name(target.name, value);
        return;
      case 'attr': {
        const obj = this.eval(target.obj, env);
        if (obj.t !== 'object') return;
        this.write(obj.obj.attrs, target.attr, value);
        this.models.name(this.use.text.slice(target.from, target.to), value);
        return;
      }
      case 'subscript': {
        const obj = this.eval(target.obj, env);
        if (obj.t !== 'dict') return;
        const key = this.dictKey(target.items, env);
        if (key === undefined) obj.dict.open = true;
        else this.write(obj.dict.entries, key, value);
        return;
      }
      case 'tuple': case 'list': {
        const starAt = target.items.findIndex((t) => t.k === 'star');
        target.items.forEach((t, i) => {
          if (t.k === 'star') {
            const rest = value.t === 'list' ? value.list.items.slice(i, value.list.items.length - (target.items.length - 1 - i)) : [];
            this.assign(t.value, this.newList(rest), env);
          } else {
            const fromEnd = starAt >= 0 && i > starAt ? target.items.length - i : 0;
            this.assign(t, this.element(value, fromEnd ? -fromEnd : i), env);
          }
        });
        return;
      }
      default:
        return;
    }
  }

  /** Element `i` of an unpacked value; a tensor unpacks into tensors of the same flow (`q, k, v = qkv.chunk(3)`). */
  private element(value: Value, i: number): Value {
    if (value.t === 'list') {
      const items = value.list.items;
      const item = items[i < 0 ? items.length + i : i];
      return item && !items.some((x) => x.conditional) ? item.value : UNKNOWN;
    }
    if (value.t === 'flow') return flow(value.chain, { uncertain: value.uncertain });
    return UNKNOWN;
  }

  private augment(s: Extract<Stmt, { k: 'aug' }>, env: Env): void {
    const current = this.eval(s.target, env);
    const rhs = this.eval(s.value, env);
    if (current.t === 'list' && s.op === '+' && rhs.t === 'list') {
      // `layers += [...]` extends the list in place, as Python does.
      extend(this, current.list, rhs.list.items);
      return;
    }
    this.assign(s.target, this.binary(s.op, current, rhs, s, s), env);
  }

  private defineClass(def: ClassDef, env: Env): void {
    const scope = this.deps.table.of.get(def) ?? env.scope;
    const bases: ClassInfo[] = [];
    let framework: Framework | undefined;
    for (const b of def.bases) {
      if (b.name || b.star) continue;
      const v = this.eval(b.value, env);
      if (v.t === 'class') {
        bases.push(v.cls);
        framework ??= v.cls.framework;
      } else if (v.t === 'ref') framework ??= baseFramework(v.qname);
    }
    // A class with a forward method and no framework base in sight is a PyTorch module by convention.
    if (!framework && def.body.some((s) => s.k === 'def' && s.name === 'forward')) framework = 'pytorch';
    const cls: ClassInfo = { def, scope, bases, framework, attrs: new Map() };
    this.classes.set(def, cls);
    const classEnv = new Env(scope, env);
    for (const s of def.body) {
      if (s.k === 'def') this.funcs.set(s, { def: s, env, cls });
      else if (s.k === 'assign') this.exec(s, classEnv);
    }
    for (const [k, v] of classEnv.vars) cls.attrs.set(k, v);
    this.write(env.vars, def.name, { t: 'class', cls });
  }

  private findMethod(cls: ClassInfo, name: string, depth = 0): FuncInfo | undefined {
    if (depth > 20) return undefined;
    const def = cls.def.body.find((s): s is FunctionDef => s.k === 'def' && s.name === name);
    if (def) return this.funcs.get(def);
    for (const base of cls.bases) {
      const found = this.findMethod(base, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private forwardOf(cls: ClassInfo): FuncInfo | undefined {
    return this.findMethod(cls, cls.framework === 'keras' ? 'call' : 'forward') ?? this.findMethod(cls, '__call__');
  }

  /**
   * An instance of a class. A constructor call builds its own, with the call's arguments
   * (`SimpleDense(32, activation="relu")` must not run `call` as if `activation` were its default
   * None); the class evaluated on its own uses one instance built with the defaults.
   */
  private instantiate(cls: ClassInfo, site?: CallSite): Instance {
    if (!site && cls.instance) return cls.instance;
    const obj: Instance = { cls, attrs: new Map() };
    if (!site) cls.instance = obj;
    const init = this.findMethod(cls, '__init__');
    if (init) this.invoke(init, obj, site, 'config');
    return obj;
  }

  private invoke(fn: FuncInfo, self: Instance | undefined, site: CallSite | undefined, mode: Mode): Value {
    if (this.callStack.length >= MAX_CALL_DEPTH || this.callStack.some((c) => c.fn.def === fn.def)) return UNKNOWN;
    const env = new Env(this.deps.table.of.get(fn.def) ?? fn.env.scope, fn.env);
    let params = fn.def.params;
    const isStatic = fn.def.decorators.some((d) => this.use.text.slice(d.from, d.to).includes('staticmethod'));
    if (fn.cls && !isStatic && self && params[0]) {
      env.vars.set(params[0].name, { t: 'object', obj: self });
      params = params.slice(1);
    }
    const args = site?.args ?? [];
    let next = 0;
    for (const p of params) {
      if (p.kind === 'star') {
        env.vars.set(p.name, this.newList(args.slice(next).map((value) => ({ value, conditional: false })), true));
        next = args.length;
        continue;
      }
      if (p.kind === 'dstar') {
        env.vars.set(p.name, UNKNOWN);
        continue;
      }
      let v = site?.kwargs.get(p.name);
      if (!v && p.kind === 'normal' && next < args.length) v = args[next++];
      // An argument of unknown value may be a tensor: one flow for it, shared by every branch of the body.
      if (v?.t === 'unknown' && mode === 'call') v = flow(Chain.start('external'));
      if (!v && p.default) v = this.defaultOf(p.default, fn, site, mode);
      v ??= mode === 'standalone' ? flow(Chain.start('param')) : UNKNOWN;
      env.vars.set(p.name, v);
    }
    this.callStack.push({ fn, self });
    this.returns.push([]);
    this.execBody(fn.def.body, env);
    const results = this.returns.pop()!;
    this.callStack.pop();
    return results.length === 0 ? NONE : join(results);
  }

  /**
   * A parameter's default where the call did not pass it; unknown where the call may have (through
   * `**kwargs` or a `*list` of unknown length), and for a `None` default of a constructor run for
   * the class on its own: None switches an optional part off, callers elsewhere may switch it on,
   * and guessing "off" would make an optional activation vanish (a false linear stack).
   */
  private defaultOf(def: Expr, fn: FuncInfo, site: CallSite | undefined, mode: Mode): Value {
    if (site?.open || (mode === 'config' && !site && def.k === 'const' && def.value === null)) return UNKNOWN;
    return this.eval(def, fn.env);
  }

  // ---- expressions ----

  private eval(e: Expr, env: Env): Value {
    if (!this.step()) return UNKNOWN;
    switch (e.k) {
      case 'num': return Number.isNaN(e.value) ? UNKNOWN : { t: 'num', v: e.value };
      case 'str': return { t: 'str', v: e.value, node: e };
      case 'const': return e.value === null ? NONE : { t: 'bool', v: e.value };
      case 'name': return this.lookup(e, env);
      case 'attr': return this.attribute(this.eval(e.obj, env), e.attr, e);
      case 'subscript': return this.subscript(this.eval(e.obj, env), e.items, env);
      case 'call': return this.callValue(this.eval(e.callee, env), this.site(e, env));
      case 'bin': return this.evalBinary(e, env);
      case 'unary': {
        const v = this.eval(e.operand, env);
        if (e.op === 'not') {
          const t = truthy(v);
          return t === undefined ? UNKNOWN : { t: 'bool', v: !t };
        }
        if (v.t === 'num') return { t: 'num', v: e.op === '-' ? -v.v : v.v };
        return v.t === 'flow' ? flow(v.chain, { uncertain: v.uncertain, gate: v.gate }) : UNKNOWN;
      }
      case 'list': case 'tuple': case 'set': {
        const items: Item[] = [];
        for (const item of e.items) {
          if (item.k === 'star') {
            const v = this.eval(item.value, env);
            if (v.t === 'list') items.push(...v.list.items);
            else items.push({ value: UNKNOWN, conditional: true, span: item });
          } else items.push({ value: this.eval(item, env), conditional: false, span: item });
        }
        return this.newList(items, e.k === 'tuple');
      }
      case 'dict': return this.dict(e, env);
      case 'comp': return this.comprehension(e, env);
      case 'cond': {
        const t = truthy(this.eval(e.test, env));
        if (t !== undefined) return this.eval(t ? e.then : e.orelse, env);
        return join([this.eval(e.then, env), this.eval(e.orelse, env)]);
      }
      default: return UNKNOWN;
    }
  }

  private lookup(e: Extract<Expr, { k: 'name' }>, env: Env): Value {
    const v = env.lookup(e.name);
    if (v) return v;
    if (e.name === '__name__') return { t: 'str', v: '__main__' };
    const bound = env.scope.lookup(e.name);
    if (!bound && BUILTINS.has(e.name)) return { t: 'builtin', name: e.name };
    const q = this.deps.resolver.qualify(e, env.scope);
    return q ? { t: 'ref', qname: q, node: e } : UNKNOWN;
  }

  private attribute(obj: Value, attr: string, node: Expr): Value {
    switch (obj.t) {
      case 'ref': return { t: 'ref', qname: `${obj.qname}.${attr}`, node };
      case 'object': {
        const own = obj.obj.attrs.get(attr);
        if (own) return own;
        const method = this.findMethod(obj.obj.cls, attr);
        if (method) return { t: 'func', fn: method, self: obj.obj };
        return this.classAttr(obj.obj.cls, attr) ?? { t: 'bound', recv: obj, name: attr, node };
      }
      case 'class': {
        const method = this.findMethod(obj.cls, attr);
        return method ? { t: 'func', fn: method } : this.classAttr(obj.cls, attr) ?? UNKNOWN;
      }
      case 'super':
        for (const base of obj.cls.bases) {
          const method = this.findMethod(base, attr);
          if (method) return { t: 'func', fn: method, self: obj.self };
        }
        return UNKNOWN;
      case 'flow':
        if (attr === 'T' || attr === 'mT') return obj;
        return METADATA.has(attr) ? UNKNOWN : { t: 'bound', recv: obj, name: attr, node };
      case 'unknown': case 'num': case 'bool': case 'none': case 'builtin': case 'bound': case 'weight':
        return UNKNOWN;
      default:
        return { t: 'bound', recv: obj, name: attr, node };
    }
  }

  private classAttr(cls: ClassInfo, attr: string, depth = 0): Value | undefined {
    if (depth > 20) return undefined;
    const own = cls.attrs.get(attr);
    if (own) return own;
    for (const base of cls.bases) {
      const found = this.classAttr(base, attr, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A dict display; a `**spread` of a dict the analysis knows in full adds its entries (a step each:
   * `d = {**d, ...}` over and over would otherwise copy without bound), any other makes it open.
   */
  private dict(e: Extract<Expr, { k: 'dict' }>, env: Env): Value {
    const dict: DictValue = { entries: new Map(), open: false };
    for (const entry of e.entries) {
      const key = entry.key && this.eval(entry.key, env);
      const value = this.eval(entry.value, env);
      if (key?.t === 'str') dict.entries.set(key.v, value);
      else if (!key && value.t === 'dict' && !value.dict.open) {
        for (const [k, v] of value.dict.entries) {
          if (!this.step()) return UNKNOWN;
          dict.entries.set(k, v);
        }
      } else dict.open = true;
    }
    return { t: 'dict', dict };
  }

  /** The string a subscript `d[...]` names; undefined for any other index. */
  private dictKey(indices: Expr[], env: Env): string | undefined {
    const key = indices.length === 1 ? this.eval(indices[0], env) : UNKNOWN;
    return key.t === 'str' ? key.v : undefined;
  }

  /** Methods of a dict: `get` reads it; those that may add or replace entries make it open. */
  private dictMethod(dict: DictValue, name: string, site: CallSite): Value {
    if (DICT_MUTATORS.has(name)) {
      dict.open = true;
      return UNKNOWN;
    }
    const key = site.args[0];
    if (name !== 'get' || dict.open || key?.t !== 'str') return UNKNOWN;
    return dict.entries.get(key.v) ?? site.args[1] ?? NONE;
  }

  private subscript(obj: Value, indices: Expr[], env: Env): Value {
    if (obj.t === 'dict') {
      const key = this.dictKey(indices, env);
      return key === undefined || obj.dict.open ? UNKNOWN : obj.dict.entries.get(key) ?? UNKNOWN;
    }
    if (obj.t === 'flow') {
      const keyed = indices.length === 1 && indices[0].k === 'str' && obj.chain.root === 'param' && obj.chain.depth === 0;
      return keyed ? flow(obj.chain, { keyed }) : obj; // slicing a tensor keeps its flow
    }
    const items = obj.t === 'list' ? obj.list.items : obj.t === 'seq' ? obj.seq.items : undefined;
    const index = indices.length === 1 ? indices[0] : undefined;
    if (!items || !index || items.some((i) => i.conditional)) return UNKNOWN;
    if (index.k === 'slice') {
      const bound = (e: Expr | undefined) => (e ? this.eval(e, env) : undefined);
      const [lo, hi, step] = [bound(index.lower), bound(index.upper), bound(index.step)];
      if ([lo, hi, step].some((v) => v !== undefined && v.t !== 'num')) return UNKNOWN;
      const num = (v: Value | undefined) => (v?.t === 'num' ? v.v : undefined);
      if (num(step) !== undefined && num(step) !== 1) return UNKNOWN;
      const sliced = items.slice(num(lo), num(hi));
      if (obj.t === 'seq') return { t: 'seq', seq: { ...obj.seq, items: sliced } };
      return this.newList(sliced, obj.t === 'list' && obj.tuple);
    }
    const i = this.eval(index, env);
    if (i.t !== 'num') return UNKNOWN;
    return items[i.v < 0 ? items.length + i.v : i.v]?.value ?? UNKNOWN;
  }

  private comprehension(e: Extract<Expr, { k: 'comp' }>, env: Env): Value {
    const items: Item[] = [];
    const inner = new Env(env.scope, env);
    const loop = (level: number) => {
      if (level === e.loops.length) {
        const kept = e.conditions.map((c) => truthy(this.eval(c, inner)));
        if (kept.some((k) => k === false)) return;
        items.push({ value: this.eval(e.element, inner), conditional: kept.some((k) => k === undefined), span: e.element });
        return;
      }
      const { target, iter } = e.loops[level];
      const values = this.iterate(this.eval(iter, inner)) ?? [{ value: UNKNOWN, conditional: false }];
      for (const v of values.slice(0, MAX_ITERATIONS)) {
        if (items.length >= MAX_ITERATIONS) return;
        this.assign(target, v.value, inner);
        loop(level + 1);
      }
    };
    loop(0);
    return this.newList(items);
  }

  iterate(v: Value): Item[] | undefined {
    if (v.t === 'list') return v.list.items;
    if (v.t === 'seq') return v.seq.items;
    return undefined;
  }

  private evalBinary(e: Extract<Expr, { k: 'bin' }>, env: Env): Value {
    if (e.op === 'and' || e.op === 'or') {
      const left = this.eval(e.left, env);
      const t = truthy(left);
      if ((e.op === 'and' && t === false) || (e.op === 'or' && t === true)) return left;
      const right = this.eval(e.right, env);
      if (t !== undefined) return right;
      const r = truthy(right);
      if (e.op === 'and' && r === false) return { t: 'bool', v: false };
      if (e.op === 'or' && r === true) return { t: 'bool', v: true };
      return UNKNOWN;
    }
    return this.binary(e.op, this.eval(e.left, env), this.eval(e.right, env), e, e);
  }

  /**
   * An operator applied to two values; `site` keys the layers it may create (a skip, a product),
   * named `name` (the operator, or the call that stands for it: `layers.Add`, `torch.cat`).
   */
  binary(op: string, a: Value, b: Value, site: object, span: Span, name = op): Value {
    const known = constantBinary(op, a, b);
    if (known) return known;
    if (a.t === 'list' && b.t === 'list' && op === '+') return this.newList([...a.list.items, ...b.list.items], a.tuple);
    if (a.t === 'list' && b.t === 'num' && op === '*' && b.v >= 0) {
      const items: Item[] = [];
      for (let i = 0; i < Math.min(b.v, MAX_ITERATIONS); i++) items.push(...a.list.items);
      return this.newList(items, a.tuple);
    }
    // A keyed entry meeting the data is a weight from a dictionary parameter (`tf.matmul(x, weights['h1'])`).
    const weight = (v: Value, other: Value) => v.t === 'flow' && v.keyed && other.t === 'flow' && !other.keyed;
    const fa = a.t === 'flow' && !weight(a, b) ? a : undefined;
    const fb = b.t === 'flow' && !weight(b, a) ? b : undefined;
    if (!fa && !fb) return UNKNOWN;
    const opaque = () => this.layers.at(site, span, 'unknown', name);
    if (fa && fb) {
      if (op === '+' || op === '-') return addFlows(fa, fb, () => this.layers.at(site, span, 'residual', name), opaque);
      if (op === '*') return multiplyFlows(fa, fb, opaque);
      if (op === '@') return flow(product(fa, fb, () => this.matmul(site, span, name)));
      return flow(mergeChains([fa, fb], opaque));
    }
    const f = (fa ?? fb)!;
    const other = f === fa ? b : a;
    if (op === '@') return flow(solid(f).then(this.weightProduct(site, span, name, other, f === fa)));
    // The bias of `tf.matmul(x, W) + b`: what is added right after a product with a drawn weight.
    const last = f.chain.layer;
    if ((op === '+' || op === '-') && last && this.drawnProducts.has(last) && !f.uncertain) recordDraw(this.layers, last, 'bias', other, span);
    // Scaling or shifting by a constant or a parameter keeps the flow (and whether it is a gate).
    // A model's output shifted away from 0 (`tf.log(pred + 1e-10)`) is still that model's output.
    if (['+', '-', '*', '/', '//', '**', '%'].includes(op)) return flow(f.chain, { uncertain: f.uncertain, gate: f.gate, model: f.model });
    return UNKNOWN;
  }

  /** The layer `x @ W` (`dataFirst`) or `W @ x` makes; a TF weight whose draw is known gives it its initialisation. */
  private weightProduct(site: object, span: Span, name: string, weight: Value, dataFirst: boolean): Layer {
    const layer = this.layers.at(site, span, 'linear', name, dataFirst ? weightWidths(weight) : {});
    if (weight.t === 'weight' && weight.draw) {
      this.drawnProducts.add(layer);
      recordDraw(this.layers, layer, 'weight', weight, span);
    }
    return layer;
  }

  private matmul(site: object, span: Span, name: string): Layer {
    const layer = this.layers.at(site, span, 'unknown', name);
    this.matmuls.add(layer);
    return layer;
  }

  // ---- calls ----

  private site(call: CallExpr, env: Env): CallSite {
    let positional = 0;
    let keywords = false;
    let spread = false;
    let open = false;
    for (const a of call.args) {
      if (a.star === '*') spread = true;
      else if (a.name !== undefined) keywords = true;
      else if (!a.star) positional++;
    }
    // Sized up front unless a `*list` makes the count unknown: calls are evaluated by the thousand.
    const size = spread ? 0 : positional;
    const args = new Array<Value>(size);
    const argNodes = new Array<Expr | undefined>(size);
    const conditional = new Array<boolean>(size);
    const kwargs = keywords ? new Map<string, Value>() : undefined;
    const kwArgs = keywords ? new Map<string, Arg>() : undefined;
    let n = 0;
    for (const a of call.args) {
      if (a.star === '**') {
        open = true;
        continue;
      }
      const v = this.eval(a.value, env);
      if (a.star === '*') {
        if (v.t !== 'list') open = true;
        const items = v.t === 'list' ? v.list.items : [{ value: UNKNOWN, conditional: true, span: a.value }];
        for (const item of items) {
          args[n] = item.value;
          argNodes[n] = undefined;
          conditional[n++] = item.conditional;
        }
      } else if (a.name) {
        kwargs!.set(a.name, v);
        kwArgs!.set(a.name, a);
      } else {
        args[n] = v;
        argNodes[n] = a.value;
        conditional[n++] = false;
      }
    }
    return { node: call, args, argNodes, conditional, kwargs: kwargs ?? NO_KEYWORDS, kwArgs: kwArgs ?? NO_KEYWORD_ARGS, ...(open ? { open } : {}) };
  }

  private syntheticSite(node: CallExpr, args: Value[]): CallSite {
    return { node, args, argNodes: args.map(() => undefined), conditional: args.map(() => false), kwargs: NO_KEYWORDS, kwArgs: NO_KEYWORD_ARGS };
  }

  callValue(f: Value, site: CallSite): Value {
    switch (f.t) {
      case 'ref': return callFramework(this, f, site);
      case 'builtin': return callBuiltin(this, f.name, site);
      case 'class': return { t: 'object', obj: this.instantiate(f.cls, site) };
      case 'func': {
        if (!f.fn.cls && this.callStack.length === 0) this.moduleCalls?.record(f.fn, site);
        const out = this.invoke(f.fn, f.self, site, 'call');
        // The result of a module-level function is that function's model output (`loss_fn(forward(x))`).
        return !f.fn.cls && out.t === 'flow' && !out.uncertain ? { ...out, model: this.models.forFunction(f.fn) } : out;
      }
      case 'object': return this.callInstance(f.obj, site);
      case 'layer': {
        const layers = f.then ? [f.layer, f.then] : [f.layer];
        const data = f.layer.kind === 'attention' && site.args.length > 1 ? this.newList(site.args.slice(0, 3).map((value) => ({ value, conditional: false }))) : dataArg(site);
        return applyLayers(data ?? UNKNOWN, layers, () => this.layers.at(site.node, site.node, 'unknown', f.layer.name));
      }
      case 'identity': return dataArg(site) ?? UNKNOWN;
      case 'merger': return mergeValues(this, f.mode, site.args[0], site, f.node);
      case 'seq': return withModel(this.applySequence(f.seq, dataArg(site) ?? UNKNOWN), f.seq.candidate);
      case 'model': return withModel(applyLayers(dataArg(site) ?? UNKNOWN, f.model.chain.layers(), () => this.joinAt(site)), f.model.candidate);
      case 'loss':
        this.tie(predictionArg(f.loss, site), f.loss);
        return UNKNOWN;
      case 'bound': return f.recv.t === 'dict' ? this.dictMethod(f.recv.dict, f.name, site) : callMethod(this, f, site);
      default: return this.opaque(site, [...site.args, ...site.kwargs.values()]);
    }
  }

  private joinAt(site: CallSite): Layer {
    return this.layers.at(site.node, site.node, 'unknown', this.use.text.slice(site.node.callee.from, site.node.callee.to));
  }

  /**
   * A call the analysis does not understand: an opaque layer on the first flow it receives (by
   * convention the input; later ones are states or masks, `self.rnn(emb, hidden)`).
   */
  opaque(site: CallSite, values: Value[]): Value {
    const data = values.find((v): v is Flow => v.t === 'flow');
    return data ? flow(solid(data).then(this.joinAt(site))) : UNKNOWN;
  }

  private callInstance(obj: Instance, site: CallSite): Value {
    const forward = this.forwardOf(obj.cls);
    if (!forward) return this.opaque(site, site.args);
    const out = this.invoke(forward, obj, site, 'call');
    return obj.cls.framework ? withModel(out, this.models.forClass(obj.cls)) : out;
  }

  private applySequence(seq: SequenceValue, data: Value): Value {
    let cur: Value = data;
    for (const item of seq.items) {
      if (item.conditional) {
        // The layer may or may not be there: what came before it no longer leads to the output.
        cur = flow(chainOf(cur), { uncertain: true });
        continue;
      }
      cur = this.applyItem(item, cur, seq);
    }
    return cur;
  }

  private applyItem(item: Item, data: Value, seq: SequenceValue): Value {
    const v = item.value;
    switch (v.t) {
      case 'layer': return applyLayers(data, v.then ? [v.layer, v.then] : [v.layer], () => v.layer);
      case 'seq': return this.applySequence(v.seq, data);
      case 'object': case 'model': case 'func': return this.callValue(v, this.syntheticSite(seq.node, [data]));
      case 'identity': case 'none': case 'flow': return data;
      default: {
        const site = item.span ?? seq.candidate.span;
        return flow(chainOf(data).then(this.layers.at(site, site, 'unknown', this.use.text.slice(site.from, site.to))));
      }
    }
  }

  attributeByName(obj: Value, name: string): Value | undefined {
    if (obj.t !== 'object' && obj.t !== 'ref') return undefined;
    const v = this.attribute(obj, name, { k: 'name', name, from: 0, to: 0 });
    return v.t === 'bound' ? undefined : v;
  }

  // ---- Host: what framework calls use ----

  items(site: CallSite): Item[] {
    const only = site.args.length === 1 ? site.args[0] : undefined;
    if (only?.t === 'list') return only.list.items.slice();
    return site.args.map((value, i) => ({ value, conditional: site.conditional[i], span: site.argNodes[i] }));
  }

  newSequence(site: CallSite, framework: Framework, items: Item[]): Value {
    return { t: 'seq', seq: this.models.sequence(site.node, framework, items, this.condDepth) };
  }

  newList(items: Item[], tuple = false): Value {
    return { t: 'list', list: { items, createdDepth: this.condDepth }, tuple };
  }

  modelCandidate(site: CallSite, chain: Chain): Candidate {
    return this.models.model(site.node, chain);
  }

  applyActivation(data: Value | undefined, use: ActivationUse, site: CallSite): Value {
    const chain = chainOf(data ?? UNKNOWN);
    if (use.gating) return flow(chain, { gate: true });
    const span = use.form === 'method' && site.node.callee.k === 'attr'
      ? { from: site.node.callee.to - site.node.callee.attr.length, to: site.node.to } : site.node;
    if (SOFTMAX_IDS.has(use.id) && (use.role === 'attention' || this.afterMatmul(chain))) {
      use.role = 'attention';
      return flow(chain.then(this.layers.at(site.node, span, 'attention', use.spelling)));
    }
    return flow(chain.then(this.layers.at(site.node, span, 'activation', use.spelling, { activation: use })));
  }

  /** Whether the chain ends in a product of two flows, with nothing weighted after it (scores being scaled or masked). */
  private afterMatmul(chain: Chain): boolean {
    if (chain.root === 'matmul' && !chain.layer) return true;
    for (let c: Chain | undefined = chain; c?.layer; c = c.prev) {
      if (this.matmuls.has(c.layer)) return true;
      if (WEIGHTED.has(c.layer.kind) || c.layer.kind === 'activation') return false;
    }
    return chain.root === 'matmul';
  }

  tie(pred: Value | undefined, loss: LossUse, at?: Expr): void {
    this.models.tie(pred, loss, at);
  }

  currentSuper(): Value {
    const top = this.callStack[this.callStack.length - 1];
    return top?.fn.cls && top.self ? { t: 'super', cls: top.fn.cls, self: top.self } : UNKNOWN;
  }
}

/** The chain of a model's output, when it is one known flow. */
function outputChain(out: Value | undefined): Chain | undefined {
  return out?.t === 'flow' && !out.uncertain ? out.chain : undefined;
}

function firstOf(v: Value): Value | undefined {
  return v.t === 'list' ? v.list.items[0]?.value : v;
}

/** Marks the (first) output of a model call as that model's output. */
function withModel(v: Value, model: Candidate): Value {
  if (v.t === 'flow' && !v.uncertain) return { ...v, model };
  if (v.t === 'list' && v.tuple && v.list.items[0]?.value.t === 'flow') {
    const [head, ...rest] = v.list.items;
    return { ...v, list: { ...v.list, items: [{ ...head, value: withModel(head.value, model) }, ...rest] } };
  }
  return v;
}

function baseFramework(qname: string): Framework | undefined {
  const c = canonical(qname);
  if (c?.ns === 'torch.nn' && c.name === 'Module') return 'pytorch';
  if (/(^|\.)(pytorch_lightning|lightning)(\.|$).*LightningModule$/.test(qname)) return 'pytorch';
  if ((c?.ns === 'keras.models' && c.name === 'Model') || (c?.ns === 'keras.layers' && c.name === 'Layer')) return 'keras';
  return undefined;
}
