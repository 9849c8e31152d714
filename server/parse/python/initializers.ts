// The initialisers Python code sets for its layers, recorded on the layers (Layer.init) after the
// evaluator has built them:
// - Keras / tf.layers keyword arguments: `kernel_initializer="he_normal"`,
//   `bias_initializer=initializers.RandomNormal(stddev=0.01)` (shared/activations/initSpellings).
// - PyTorch `nn.init.*_` calls and in-place tensor methods (`.normal_(0, 0.02)`, `.zero_()`) on a
//   layer's `weight` or `bias`: of an attribute the class assigns (`self.fc1.weight`, every layer
//   of `self.blocks`), of a local variable holding layers, of a loop variable over a list of them,
//   or of the variable of a loop over `modules()` / the parameter of a function passed to
//   `.apply(fn)`, guarded by `isinstance(m, nn.Linear)`; those apply to the matching layers of the
//   class or of the model the receiver names.
// A setting under any other condition, on one element of a container, or one that cannot be read,
// is recorded without a reading (a loop over something unlisted: on every layer of the class): the
// estimate then says the initialisation is unknown rather than assume one. When a layer gets
// settings from a direct call and from a loop or `apply`, the direct call's is kept (the order the
// code runs them in is not followed).

import { truncatedStd, type BiasInit, type FanMode, type WeightInit } from '../../../shared/activations/initSchemes';
import { kerasInitializer, type InitOption, type InitReading } from '../../../shared/activations/initSpellings';
import type { InitSetting, Layer, LayerStack } from '../../model/layerStack';
import { eachStmtBody, eachStmtExpr, eachSubExpr, type Arg, type CallExpr, type ClassDef, type Expr, type Span, type Stmt } from './ast';
import { MATMULS } from './catalog';
import { KERAS_KEYWORDS, scanInitSites, TENSOR_METHODS, type InitSites, type Part } from './initSites';
import type { LayerFactory } from './layers';
import type { Resolver, Scope, ScopeTable } from './scopes';
import type { Value } from './values';

/** A setting read from one call or keyword argument, before it is given to layers. */
interface Found { part: Part; reading?: InitReading; source: string; span: Span }

/**
 * A setting for every module a loop or `apply` function visits that passes its isinstance guard;
 * `types` absent: every weighted layer (a loop over something the analysis cannot list).
 */
interface ModuleRule { found: Found; types?: Set<string>; cls?: ClassDef; receiver: string }

/**
 * The layers a variable or attribute holds: all of them get what an initialiser call on it sets
 * (`exact`), or one of them that the analysis cannot tell (`self.layers[i]`); `unknown` for a loop
 * variable over something it cannot list.
 */
type Owner = { layers: Layer[]; exact: boolean } | 'unknown';

const MODULE_ITERATORS = new Set(['modules', 'children', 'named_modules', 'named_children']);
const WEIGHTED_KINDS = new Set(['linear', 'conv']);

export function recordInits(module: Stmt[], table: ScopeTable, resolver: Resolver, layers: LayerFactory, stacks: readonly LayerStack[], text: string): void {
  new InitReader(table, resolver, layers, text, scanInitSites(module, table, resolver, text)).run(module, stacks);
}

class InitReader {
  private readonly rules: ModuleRule[] = [];

  constructor(
    private readonly table: ScopeTable,
    private readonly resolver: Resolver,
    private readonly layers: LayerFactory,
    private readonly text: string,
    private readonly sites: InitSites,
  ) {}

  run(module: Stmt[], stacks: readonly LayerStack[]): void {
    if (this.sites.any) this.body(module, { scope: this.table.module, locals: new Map(), modules: new Map(), conditional: false });
    for (const rule of this.rules) this.applyRule(rule, stacks);
    for (const stack of stacks) for (const layer of stack.layers) this.markProduct(layer);
  }

  /** A matrix product (`tf.matmul(x, W)`, `x @ W`, `F.linear(x, w)`, `tf.nn.xw_plus_b`) multiplies by a tensor the code made: no framework initialiser to assume. */
  private markProduct(layer: Layer): void {
    const name = lastName(layer.name);
    if (layer.kind !== 'linear' || layer.init?.weight || !(name === '@' || MATMULS.has(name) || name === 'linear' || name === 'bilinear' || name === 'xw_plus_b')) return;
    layer.init = { ...layer.init, weight: { label: `the weight tensor of ${layer.name}`, source: layer.name, range: layer.range } };
  }

  // ---- statements ----

  private body(body: Stmt[], ctx: Context): void {
    // A definition's body has locals of its own: one without a setting changes nothing.
    for (const s of body) if ((s.k !== 'def' && s.k !== 'class') || this.sites.settingDefinitions.has(s)) this.stmt(s, ctx);
  }

  private stmt(s: Stmt, ctx: Context): void {
    switch (s.k) {
      case 'class':
        this.body(s.body, { ...ctx, scope: this.table.of.get(s) ?? ctx.scope, cls: s, locals: new Map() });
        return;
      case 'def': {
        const inner: Context = { ...ctx, scope: this.table.of.get(s) ?? ctx.scope, locals: new Map(), modules: new Map(ctx.modules), conditional: false };
        const uses = this.sites.applied.get(s.name);
        const param = s.params.find((p) => p.name !== 'self' && p.kind === 'normal');
        if (uses && param) inner.modules.set(param.name, { targets: uses, types: undefined });
        this.body(s.body, inner);
        return;
      }
      case 'for': {
        this.exprs(s, ctx);
        const iterated = moduleIterator(s.iter);
        const target = s.target.k === 'tuple' && s.target.items.length === 2 ? s.target.items[1] : s.target;
        if (iterated && target.k === 'name') {
          const modules = new Map(ctx.modules);
          modules.set(target.name, { targets: [{ receiver: this.source(iterated), cls: ctx.cls }], types: undefined });
          this.body(s.body, { ...ctx, modules });
        } else {
          if (target.k === 'name') ctx.locals.set(target.name, this.iterated(s.iter, ctx));
          this.body(s.body, ctx);
        }
        this.body(s.orelse, ctx);
        return;
      }
      case 'if':
        for (const b of s.branches) {
          if (b.test) this.expr(b.test, ctx);
          this.body(b.body, this.guarded(b.test, ctx));
        }
        return;
      case 'assign':
        this.exprs(s, ctx);
        for (const t of s.targets) {
          if (t.k !== 'name') continue;
          const layers = this.builtIn(s.value);
          if (layers.length) ctx.locals.set(t.name, { layers, exact: true });
          else ctx.locals.delete(t.name);
        }
        return;
      default:
        this.exprs(s, ctx);
        eachStmtBody(s, (b) => this.body(b, { ...ctx, conditional: ctx.conditional || s.k === 'while' }));
    }
  }

  /** The context of an if-branch body: an isinstance guard narrows a module variable; `x is not None` changes nothing; any other test makes settings conditional. */
  private guarded(test: Expr | undefined, ctx: Context): Context {
    if (!test) return { ...ctx, conditional: true };
    const tests = test.k === 'bin' && test.op === 'and' ? [test.left, test.right] : [test];
    let next: Context = ctx;
    for (const t of tests) {
      if (t.k === 'bin' && t.op === 'is not' && t.right.k === 'const' && t.right.value === null) continue;
      const guard = isinstanceGuard(t);
      const mod = guard && ctx.modules.get(guard.name);
      if (guard && mod) {
        const modules = new Map(next.modules);
        modules.set(guard.name, { ...mod, types: guard.types });
        next = { ...next, modules };
      } else next = { ...next, conditional: true };
    }
    return next;
  }

  private exprs(s: Stmt, ctx: Context): void {
    eachStmtExpr(s, (e) => this.expr(e, ctx));
  }

  private expr(e: Expr, ctx: Context): void {
    this.visitCalls(e, (call) => {
      for (const a of call.args) {
        const part = a.name ? KERAS_KEYWORDS.get(a.name) : undefined;
        if (part) this.kerasArgument(call, a, part, ctx);
      }
      this.torchCall(call, ctx);
    });
  }

  /** Calls `fn` on each call in `e`, outermost first; one closure per walk, not one per node. */
  private visitCalls(e: Expr, fn: (call: CallExpr) => void): void {
    const visit = (x: Expr): void => {
      if (x.k === 'call') fn(x);
      eachSubExpr(x, visit);
    };
    visit(e);
  }

  // ---- Keras ----

  private kerasArgument(call: CallExpr, arg: Arg, part: Part, ctx: Context): void {
    const made = this.layers.madeAt(call).filter((l) => WEIGHTED_KINDS.has(l.kind));
    if (made.length === 0) return;
    const found: Found = { part, reading: this.kerasValue(arg.value, ctx.scope), source: arg.name!, span: arg };
    // The keyword belongs to the layer's own construction: a condition around it decides the layer, not its init.
    for (const layer of made) this.set(layer, found, false);
  }

  private kerasValue(v: Expr, scope: Scope): InitReading | undefined {
    if (v.k === 'str') return kerasInitializer(v.value, () => undefined, 'keras');
    if (v.k !== 'call') return undefined;
    const path = this.resolver.qualify(v.callee, scope);
    const parts = path?.split('.') ?? [];
    const name = parts[parts.length - 1] ?? '';
    if (parts.slice(0, -1).includes('initializers')) return kerasInitializer(name, this.options(v, 0), 'keras');
    // contrib's variance_scaling_initializer has other defaults (factor 2, FAN_IN) than the core one.
    if (parts[0] !== 'tensorflow' || (parts.includes('contrib') && name !== 'xavier_initializer')) return undefined;
    const uniform = name === 'xavier_initializer' ? v.args.find((a) => a.name === 'uniform')?.value ?? v.args.find((a) => !a.name)?.value : undefined;
    if (uniform && !(uniform.k === 'const' && typeof uniform.value === 'boolean')) return undefined;
    return tensorflowInitializer(name, this.options(v, 0), uniform?.k === 'const' ? uniform.value === true : undefined);
  }

  // ---- PyTorch ----

  private torchCall(call: CallExpr, ctx: Context): void {
    const callee = call.callee;
    let fn: string | undefined;
    let tensor: Expr | undefined;
    let first = 1;
    const path = callee.k === 'attr' || callee.k === 'name' ? this.resolver.qualify(callee, ctx.scope) : undefined;
    if (path?.startsWith('torch.nn.init.')) {
      fn = path.slice('torch.nn.init.'.length);
      tensor = call.args.find((a) => a.name === 'tensor')?.value ?? call.args.find((a) => !a.name && !a.star)?.value;
    } else if (callee.k === 'attr' && TENSOR_METHODS.has(callee.attr)) {
      fn = callee.attr;
      tensor = callee.obj;
      first = 0;
    }
    if (!fn || !tensor) return;
    if (tensor.k === 'attr' && tensor.attr === 'data') tensor = tensor.obj;
    if (tensor.k !== 'attr' || (tensor.attr !== 'weight' && tensor.attr !== 'bias')) return;
    const part: Part = tensor.attr;
    const reading = torchInit(fn, this.options(call, first, (e) => this.calculateGain(e, ctx.scope)));
    const found: Found = { part, reading: reading && (part === 'weight' ? reading.weight : reading.bias) ? reading : undefined, source: this.source(callee), span: call };
    const owner = tensor.obj;
    const mod = owner.k === 'name' ? ctx.modules.get(owner.name) : undefined;
    if (mod) {
      // Without an isinstance guard the modules it reaches are not known: not read.
      const rule = ctx.conditional ? { ...found, reading: undefined } : found;
      if (mod.types) for (const t of mod.targets) this.rules.push({ found: rule, types: mod.types, cls: t.cls, receiver: t.receiver });
      return;
    }
    const held = this.owner(owner, ctx);
    if (held === 'unknown') {
      // Some layers of the class get it, which ones is not known: all of them read as unknown.
      if (ctx.cls) this.rules.push({ found: { ...found, reading: undefined }, cls: ctx.cls, receiver: 'self' });
      return;
    }
    for (const layer of held?.layers ?? []) this.set(layer, found, ctx.conditional || !held!.exact);
  }

  /** The layers an expression names: `self.fc1` or `self.blocks` (assigned in the class), a local variable, one element of either. */
  private owner(e: Expr, ctx: Context): Owner | undefined {
    if (e.k === 'name') return ctx.locals.get(e.name);
    if (e.k === 'attr' && e.obj.k === 'name' && e.obj.name === 'self' && ctx.cls) {
      const value = selfAssignment(ctx.cls, e.attr);
      const layers = value ? this.builtIn(value) : [];
      return layers.length ? { layers, exact: true } : undefined;
    }
    if (e.k === 'subscript') {
      const whole = this.owner(e.obj, ctx);
      // Which element is not followed (a layer built in a loop is one Layer for all its instances).
      return whole === 'unknown' || !whole ? whole : { layers: whole.layers, exact: false };
    }
    return undefined;
  }

  /** What a loop variable holds in turn: the layers of a list it iterates, of an attribute or variable, or unknown. */
  private iterated(iter: Expr, ctx: Context): Owner {
    const items = iter.k === 'list' || iter.k === 'tuple' ? iter.items : [iter];
    const layers: Layer[] = [];
    for (const item of items) {
      const held = this.owner(item, ctx);
      if (!held || held === 'unknown' || !held.exact) return 'unknown';
      layers.push(...held.layers);
    }
    return { layers, exact: true };
  }

  /** Weighted layers built by the calls in an expression (`nn.Linear(...)`, the items of `nn.ModuleList([...])`). */
  private builtIn(e: Expr): Layer[] {
    const out: Layer[] = [];
    this.visitCalls(e, (call) => {
      for (const l of this.layers.madeAt(call)) if (WEIGHTED_KINDS.has(l.kind)) out.push(l);
    });
    return out;
  }

  /** `nn.init.calculate_gain('relu')` as an argument value. */
  private calculateGain(e: Expr, scope: Scope): number | undefined {
    if (e.k !== 'call' || this.resolver.qualify(e.callee, scope) !== 'torch.nn.init.calculate_gain') return undefined;
    const [nonlinearity, param] = [literal(e.args[0]?.value), literal(e.args[1]?.value)];
    if (typeof nonlinearity !== 'string' || (param !== undefined && typeof param !== 'number')) return undefined;
    const squared = torchGainSquared(nonlinearity, param ?? 0.01);
    return squared === undefined ? undefined : Math.sqrt(squared);
  }

  // ---- shared ----

  /** Options of an initialiser call: keyword or positional (from `first`) literals; NaN for a value that is not one. */
  private options(call: CallExpr, first: number, evaluate?: (e: Expr) => number | undefined): InitOption {
    const positional = call.args.filter((a) => !a.name && !a.star);
    const hasStar = call.args.some((a) => a.star);
    return (name, position) => {
      const arg = call.args.find((a) => a.name === name) ?? positional[first + position];
      if (!arg) return hasStar ? NaN : undefined;
      return literal(arg.value) ?? evaluate?.(arg.value) ?? NaN;
    };
  }

  private set(layer: Layer, found: Found, conditional: boolean): void {
    const reading = conditional ? undefined : found.reading;
    const range = this.layers.range(found.span);
    const label = reading?.label ?? this.source({ from: found.span.from, to: found.span.to });
    layer.init ??= {};
    if (found.part === 'weight') layer.init.weight = setting(reading?.weight, label, found.source, range);
    else layer.init.bias = setting(reading?.bias, label, found.source, range);
  }

  private applyRule(rule: ModuleRule, stacks: readonly LayerStack[]): void {
    const cls = rule.cls && this.layers.range(rule.cls);
    const root = rule.receiver.split('.')[0];
    for (const stack of stacks) {
      const inClass = cls && root === 'self' && within(stack.range.start, cls);
      const named = root !== 'self' && (stack.name === rule.receiver || (stack.aliases?.includes(rule.receiver) ?? false));
      if (!inClass && !named) continue;
      for (const layer of stack.layers) {
        if (!WEIGHTED_KINDS.has(layer.kind) || (rule.types && !rule.types.has(lastName(layer.name))) || layer.init?.[rule.found.part]) continue;
        this.set(layer, rule.found, false);
      }
    }
  }

  private source(span: Span): string {
    return this.text.slice(span.from, span.to);
  }
}

interface ModuleVar { targets: { receiver: string; cls?: ClassDef }[]; types?: Set<string> }

interface Context {
  scope: Scope;
  cls?: ClassDef;
  /** Local variables that hold layers (`lin = nn.Linear(4, 8)`, a loop over `[self.fc1, self.fc2]`), by name. */
  locals: Map<string, Owner>;
  /** Variables that stand for every module of a model: a loop over `modules()`, an `apply` function's parameter. */
  modules: Map<string, ModuleVar>;
  /** Inside a condition other than an isinstance guard: what runs is not known. */
  conditional: boolean;
}

/**
 * Records on a layer that multiplies the data by a TF weight (`tf.matmul(x, W)`, then `+ b`) how
 * that weight or bias `value` is drawn, at the call that makes it (else at `at`); without a draw it
 * is not readable (a bias of tf.constant(0.1)). A layer made again from another draw (one helper
 * building every layer alike) is not readable either: which draw each use had is not kept.
 */
export function recordDraw(layers: LayerFactory, layer: Layer, part: 'weight' | 'bias', value: Value, at: Span): void {
  const draw = value.t === 'weight' ? value.draw : undefined;
  const label = draw?.reading?.label ?? draw?.source ?? `the ${part} added to ${layer.name}`;
  const source = draw?.source ?? layer.name;
  const range = layers.range(draw?.span ?? at);
  layer.init ??= {};
  if (part === 'weight') layer.init.weight = merged(layer.init.weight, setting(draw?.reading?.weight, label, source, range));
  else layer.init.bias = merged(layer.init.bias, setting(draw?.reading?.bias, label, source, range));
}

function merged<T>(known: InitSetting<T> | undefined, next: InitSetting<T>): InitSetting<T> {
  if (!known || (known.label === next.label && known.source === next.source)) return known ?? next;
  return { label: `${known.label} or ${next.label}`, source: known.source === next.source ? known.source : `${known.source} or ${next.source}`, range: known.range };
}

function setting<T>(init: T | undefined, label: string, source: string, range: InitSetting<T>['range']): InitSetting<T> {
  return init ? { init, label, source, range } : { label, source, range };
}

function within(p: { line: number; character: number }, r: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

function lastName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** `self.modules()` and the like: the receiver of a call that iterates over a model's modules. */
function moduleIterator(e: Expr): Expr | undefined {
  if (e.k !== 'call' || e.callee.k !== 'attr' || !MODULE_ITERATORS.has(e.callee.attr)) return undefined;
  return e.callee.obj;
}

/** `isinstance(m, nn.Linear)` / `isinstance(m, (nn.Linear, nn.Conv2d))`: the variable and the class names. */
function isinstanceGuard(e: Expr): { name: string; types: Set<string> } | undefined {
  if (e.k !== 'call' || e.callee.k !== 'name' || e.callee.name !== 'isinstance' || e.args.length !== 2) return undefined;
  const [v, t] = [e.args[0].value, e.args[1].value];
  if (v.k !== 'name') return undefined;
  const names = (t.k === 'tuple' || t.k === 'list' ? t.items : [t]).map((x) => (x.k === 'name' ? x.name : x.k === 'attr' ? x.attr : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  return { name: v.name, types: new Set(names as string[]) };
}

/** The expression a class assigns to `self.<attr>` in one of its methods, when it assigns one. */
function selfAssignment(cls: ClassDef, attr: string): Expr | undefined {
  let found: Expr | undefined;
  const visit = (body: Stmt[]): void => {
    for (const s of body) {
      if (s.k === 'assign') {
        for (const t of s.targets) if (t.k === 'attr' && t.attr === attr && t.obj.k === 'name' && t.obj.name === 'self') found ??= s.value;
      }
      if (s.k !== 'class') eachStmtBody(s, visit);
    }
  };
  visit(cls.body);
  return found;
}

/** A number or string literal (a negated number included). */
function literal(e: Expr | undefined): number | string | undefined {
  if (!e) return undefined;
  if (e.k === 'num' && Number.isFinite(e.value)) return e.value;
  if (e.k === 'str') return e.value;
  if (e.k === 'unary' && e.op === '-' && e.operand.k === 'num') return -e.operand.value;
  return undefined;
}

/** The square of torch.nn.init.calculate_gain: gain 1 for linear, conv and sigmoid, 5/3 tanh, √2 relu, √(2/(1+slope²)) leaky_relu, 3/4 selu. */
function torchGainSquared(nonlinearity: string, param: number): number | undefined {
  if (/^(linear|sigmoid|conv(_transpose)?[123]d)$/.test(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh': return 25 / 9;
    case 'relu': return 2;
    case 'leaky_relu': return 2 / (1 + param * param);
    case 'selu': return 9 / 16;
    default: return undefined;
  }
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

function num(v: number | string | undefined, fallback: number): number | undefined {
  if (v === undefined) return fallback;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * A PyTorch initialiser (torch.nn.init function or in-place tensor method, arguments after the
 * tensor) as a reading; undefined when it draws with a non-zero mean or its arguments are not literals.
 */
export function torchInit(fn: string, option: InitOption): InitReading | undefined {
  const name = fn.replace(/_$/, '');
  switch (name) {
    case 'kaiming_normal': case 'kaiming_uniform': {
      // std = gain/√fan_mode with gain = calculate_gain(nonlinearity, a); default leaky_relu with a = 0, i.e. √2.
      const a = num(option('a', 0), 0);
      const mode = option('mode', 1) ?? 'fan_in';
      const nonlinearity = option('nonlinearity', 2) ?? 'leaky_relu';
      if (a === undefined || (mode !== 'fan_in' && mode !== 'fan_out') || typeof nonlinearity !== 'string') return undefined;
      const scale = torchGainSquared(nonlinearity, a);
      if (scale === undefined) return undefined;
      const dist = name.endsWith('normal') ? 'normal' : 'uniform';
      const he = scale === 2;
      const details = [...(he ? [] : [`gain ${round(Math.sqrt(scale))}`]), ...(mode === 'fan_out' ? ['fan_out'] : [])];
      return { weight: { scheme: 'variance-scaling', scale, mode: mode as FanMode }, label: `${he ? 'He' : 'Kaiming'} ${dist}${details.length ? ` with ${details.join(', ')}` : ''}` };
    }
    case 'xavier_normal': case 'xavier_uniform': {
      const gain = num(option('gain', 0), 1);
      if (gain === undefined) return undefined;
      return { weight: { scheme: 'variance-scaling', scale: gain * gain, mode: 'fan_avg' }, label: `Xavier ${name.slice(7)}${gain === 1 ? '' : ` with gain ${round(gain)}`}` };
    }
    case 'orthogonal': {
      const gain = num(option('gain', 0), 1);
      return gain === undefined ? undefined : { weight: { scheme: 'orthogonal', gain }, label: gain === 1 ? 'orthogonal' : `orthogonal with gain ${round(gain)}` };
    }
    case 'normal': case 'trunc_normal': {
      const mean = num(option('mean', 0), 0);
      const std = num(option('std', 1), 1);
      if (mean !== 0 || std === undefined) return undefined;
      let drawn = Math.abs(std);
      if (name === 'trunc_normal') {
        const [lo, hi] = [num(option('a', 2), -2), num(option('b', 3), 2)];
        if (lo === undefined || hi === undefined || lo !== -hi || !(hi > 0)) return undefined;
        drawn = drawn > 0 ? truncatedStd(drawn, hi) : 0;
      }
      return drawn === 0 ? zeros() : both({ scheme: 'normal', std: drawn }, `${name === 'trunc_normal' ? 'truncated ' : ''}N(0, ${round(std)}²)`);
    }
    case 'uniform': {
      // nn.init.uniform_(a=0, b=1); Tensor.uniform_(from=0, to=1).
      const lo = num(option('a', 0) ?? option('from', 0), 0);
      const hi = num(option('b', 1) ?? option('to', 1), 1);
      if (lo === undefined || hi === undefined || lo !== -hi) return undefined;
      return hi === 0 ? zeros() : both({ scheme: 'uniform', bound: Math.abs(hi) }, `U(±${round(Math.abs(hi))})`);
    }
    case 'zeros': case 'zero':
      return zeros();
    case 'constant': case 'fill':
      return num(option(name === 'fill' ? 'value' : 'val', 0), NaN) === 0 ? zeros() : undefined;
    default:
      return undefined;
  }
}

/**
 * A TF1 initializer by name: tf.glorot_uniform_initializer(), tf.truncated_normal_initializer(stddev=0.1),
 * tf.contrib.layers.xavier_initializer(uniform=True) (`uniform` as written). Their stddev defaults
 * changed between TF1 (1.0) and TF2 (0.05): without a written stddev a random initializer is not read.
 */
export function tensorflowInitializer(name: string, option: InitOption, uniform?: boolean): InitReading | undefined {
  if (name === 'xavier_initializer') return kerasInitializer(uniform === false ? 'glorot_normal' : 'glorot_uniform', () => undefined, 'keras');
  if (!name.endsWith('_initializer')) return undefined;
  const base = name.slice(0, -'_initializer'.length);
  if ((base === 'random_normal' || base === 'truncated_normal') && option('stddev', 1) === undefined) return undefined;
  if (base === 'random_uniform' && (option('minval', 0) === undefined || option('maxval', 1) === undefined)) return undefined;
  return kerasInitializer(base, option, 'keras');
}

/** Defaults of the TF ops that draw initial values, which (unlike the initializers') did not change in TF2. */
const TENSORFLOW_OP_DEFAULTS: Record<string, Record<string, number>> = {
  random_normal: { mean: 0, stddev: 1 },
  truncated_normal: { mean: 0, stddev: 1 },
  random_uniform: { minval: 0, maxval: 1 },
  zeros: {},
};

/**
 * The initial value a TF op draws, `option` reading its arguments after the shape:
 * `tf.random_normal([784, 256])` is N(0, 1); tf.truncated_normal redraws beyond 2σ without
 * rescaling (variance 0.774σ²); tf.random_uniform reads only with symmetric bounds (its default is
 * [0, 1)); tf.zeros is a zero bias. tf.ones and shifted draws have no reading.
 */
export function tensorflowInitialValue(name: string, option: InitOption): InitReading | undefined {
  const defaults = TENSORFLOW_OP_DEFAULTS[name];
  if (!defaults) return undefined;
  return kerasInitializer(name, (key, position) => option(key, position) ?? defaults[key], 'keras');
}

function zeros(): InitReading {
  return { bias: { scheme: 'zeros' } satisfies BiasInit, label: 'zeros' };
}

function both(draw: WeightInit & BiasInit, label: string): InitReading {
  return { weight: draw, bias: draw, label };
}
