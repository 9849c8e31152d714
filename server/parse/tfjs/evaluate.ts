// The TF.js evaluator: runs a module's statements over abstract values in source order. Models
// are built by `tf.sequential({layers})` / `model.add(layer)` and by functional graphs
// (`layer.apply(x)` chains ending in `tf.model({inputs, outputs})`); `model.compile({loss})` ties
// a loss. Tensors carry the layers applied since their input, so a custom training step
// (`tf.losses.sigmoidCrossEntropy(ys, tf.sigmoid(model.predict(xs)))`) ties its loss to the model's
// layers plus the ops after them. The file's own functions run when called (with their
// arguments, a few calls deep) and once more on their own if nothing called them (exported
// builders such as `createModel()`); loops with a literal count run that many times.
//
// Bounded: a step budget per document, a call-depth cap, a nesting cap on expressions.

import type { SyntaxNode } from '@lezer/common';
import type { Layer, LossUse } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { TFJS_OPS, TFJS_PRODUCTS, TFJS_SUMS } from './catalog';
import type { LayerFactory } from './layers';
import { callArguments, children, memberPath, objectProperties, parts, unwrap, type Source } from './syntax';
import { methodName, type Uses } from './uses';
import { EMPTY_CHAIN, Scope, UNKNOWN, type Chain, type ModelRecord, type Value } from './values';

const MAX_STEPS = 200_000;
const MAX_CALL_DEPTH = 4;
const MAX_EXPRESSION_DEPTH = 200;
const MAX_LOOP_COUNT = 64;
const MAX_CHAIN = 5000;

/** Tensor methods that only reshape or retype: the data passes through unchanged. */
const PASS_THROUGH = new Set([
  'reshape', 'squeeze', 'expandDims', 'flatten', 'transpose', 'asType', 'cast', 'toFloat', 'toInt', 'clone', 'as1D', 'as2D',
  'as3D', 'as4D', 'asScalar', 'reshapeAs', 'dataSync', 'data', 'array', 'arraySync',
]);

const FUNCTION_NODES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunction', 'MethodDeclaration']);

export interface LossTie { chain: Chain; loss: LossUse; from: number }

export class Evaluator {
  readonly models: ModelRecord[] = [];
  readonly lossTies: LossTie[] = [];
  private steps = 0;
  private readonly evaluated = new Set<number>();
  private readonly memo = new Map<number, Value>();
  private depth = 0;
  private returns: Value[] | undefined;

  constructor(
    private readonly src: Source,
    private readonly lines: LineIndex,
    private readonly bindings: ReadonlyMap<string, string>,
    private readonly uses: Uses,
    private readonly layers: LayerFactory,
  ) {}

  private get exhausted(): boolean {
    return ++this.steps > MAX_STEPS;
  }

  run(top: SyntaxNode): void {
    const scope = new Scope();
    this.body(top, scope);
    // Functions nothing called (exported builders, callbacks): run each once with unknown arguments.
    const pending: SyntaxNode[] = [];
    top.cursor().iterate((n) => {
      if (FUNCTION_NODES.has(n.name) && !this.evaluated.has(n.from)) pending.push(n.node);
    });
    for (const fn of pending) if (!this.evaluated.has(fn.from)) this.callFunction({ t: 'fn', node: fn, scope }, []);
  }

  // ---- statements ----

  private body(node: SyntaxNode, scope: Scope): void {
    const statements = children(node);
    for (const s of statements) {
      const fn = s.name === 'ExportDeclaration' ? s.getChild('FunctionDeclaration') : s.name === 'FunctionDeclaration' ? s : null;
      const name = fn?.getChild('VariableDefinition');
      if (fn && name) scope.declare(this.src.of(name), { t: 'fn', node: fn, scope });
    }
    for (const s of statements) this.statement(s, scope);
  }

  private statement(n: SyntaxNode, scope: Scope): void {
    if (this.exhausted) return;
    switch (n.name) {
      case 'VariableDeclaration': this.declaration(n, scope); break;
      case 'ExpressionStatement': for (const e of parts(n)) this.expr(e, scope); break;
      case 'ReturnStatement': {
        const e = parts(n)[0];
        const value = e ? this.expr(e, scope) : UNKNOWN;
        this.returns?.push(value);
        break;
      }
      case 'ExportDeclaration': for (const p of parts(n)) this.statement(p, scope); break;
      case 'ClassDeclaration': this.classBody(n, scope); break;
      case 'Block': this.body(n, new Scope(scope)); break;
      case 'ForStatement': {
        const count = loopCount(this.src, n);
        const inner = new Scope(scope);
        for (const p of parts(n.getChild('ForSpec'))) if (p.name === 'VariableDeclaration') this.declaration(p, inner);
        const bodyNode = parts(n).filter((p) => p.name !== 'ForSpec').pop();
        for (let i = 0; i < count && bodyNode; i++) this.statement(bodyNode, inner);
        break;
      }
      case 'FunctionDeclaration': break; // declared by `body`, run when called
      default:
        // if/else, try, while, switch, labels: their statements run once each, in order.
        for (const c of parts(n)) if (/Statement$|Declaration$|^Block$/.test(c.name)) this.statement(c, scope);
    }
  }

  private declaration(n: SyntaxNode, scope: Scope): void {
    const items = parts(n);
    for (let i = 0; i < items.length; i++) {
      const target = items[i];
      if (target.name !== 'VariableDefinition' && target.name !== 'ObjectPattern' && target.name !== 'ArrayPattern') continue;
      let j = i + 1;
      if (items[j]?.name === 'TypeAnnotation') j++;
      const init = items[j] && !['VariableDefinition', 'ObjectPattern', 'ArrayPattern'].includes(items[j].name) ? items[j] : undefined;
      const value = init ? this.expr(init, scope) : UNKNOWN;
      if (target.name === 'VariableDefinition') this.bind(scope, this.src.of(target), value, 'declare');
      i = init ? j : i;
    }
  }

  private bind(scope: Scope, name: string, value: Value, how: 'declare' | 'assign'): void {
    if (value.t === 'model') value.model.name ??= name;
    if (name.startsWith('this.')) scope.assignField(name, value);
    else if (how === 'declare') scope.declare(name, value);
    else scope.assign(name, value);
  }

  /** Class bodies: every method runs once, the constructor first, sharing `this.*` fields. */
  private classBody(n: SyntaxNode, scope: Scope): void {
    const fields = new Scope(scope);
    fields.declare('this', UNKNOWN);
    const methods = children(n.getChild('ClassBody')).filter((m) => m.name === 'MethodDeclaration');
    const isConstructor = (m: SyntaxNode) => this.src.of(m.getChild('PropertyDefinition') ?? m) === 'constructor';
    for (const m of [...methods.filter(isConstructor), ...methods.filter((m) => !isConstructor(m))]) {
      this.callFunction({ t: 'fn', node: m, scope: fields }, []);
    }
  }

  // ---- functions ----

  private callFunction(fn: Extract<Value, { t: 'fn' }>, args: Value[]): Value {
    const node = fn.node;
    const informative = args.some((a) => a.t !== 'unknown');
    if (!informative && this.memo.has(node.from)) return this.memo.get(node.from)!;
    if (this.depth >= MAX_CALL_DEPTH) return UNKNOWN;
    this.evaluated.add(node.from);
    const scope = new Scope(fn.scope);
    parts(node.getChild('ParamList')).filter((p) => p.name === 'VariableDefinition').forEach((p, i) => scope.declare(this.src.of(p), args[i] ?? UNKNOWN));
    const saved = this.returns;
    this.returns = [];
    this.depth++;
    let result: Value = UNKNOWN;
    try {
      const block = node.getChild('Block');
      if (block) {
        this.body(block, scope);
        result = this.returns.find((r) => r.t !== 'unknown') ?? UNKNOWN;
      } else {
        const expression = parts(node).filter((p) => p.name !== 'ParamList' && p.name !== 'TypeAnnotation').pop();
        result = expression ? this.expr(expression, scope) : UNKNOWN;
      }
    } finally {
      this.depth--;
      this.returns = saved;
    }
    const name = node.getChild('VariableDefinition') ?? node.getChild('PropertyDefinition');
    if (result.t === 'model' && name) result.model.name ??= this.src.of(name);
    if (!informative) this.memo.set(node.from, result);
    return result;
  }

  // ---- expressions ----

  expr(n: SyntaxNode, scope: Scope, depth = 0): Value {
    if (this.exhausted || depth > MAX_EXPRESSION_DEPTH) return UNKNOWN;
    const e = unwrap(n);
    switch (e.name) {
      case 'VariableName': {
        const name = this.src.of(e);
        const local = scope.lookup(name);
        if (local && local.t !== 'unknown') return local;
        // `const tf = require('@tensorflow/tfjs')` evaluates to nothing; the import table knows better.
        const path = this.bindings.get(name);
        return path ? { t: 'ns', path } : UNKNOWN;
      }
      case 'MemberExpression': return this.member(e, scope, depth);
      case 'CallExpression': return this.call(e, scope, depth);
      case 'ArrayExpression': return { t: 'array', items: parts(e).map((i) => this.expr(i, scope, depth + 1)) };
      case 'ArrowFunction': case 'FunctionExpression': return { t: 'fn', node: e, scope };
      case 'AssignmentExpression': {
        const [target, value] = parts(e);
        const v = value ? this.expr(value, scope, depth + 1) : UNKNOWN;
        const path = target && memberPath(this.src, target);
        if (path && (path.length === 1 || (path.length === 2 && path[0] === 'this'))) this.bind(scope, path.join('.'), v, 'assign');
        return v;
      }
      default:
        // Operators, conditionals, objects, `new`: run the calls inside them, yield an unknown value.
        for (const c of parts(e)) if (c.name === 'CallExpression' || c.name === 'ParenthesizedExpression' || c.name === 'ConditionalExpression') this.expr(c, scope, depth + 1);
        return UNKNOWN;
    }
  }

  private member(e: SyntaxNode, scope: Scope, depth: number): Value {
    const path = memberPath(this.src, e);
    if (path?.[0] === 'this' && path.length === 2) return scope.lookup(path.join('.')) ?? UNKNOWN;
    const [obj, prop] = parts(e);
    if (!obj || prop?.name !== 'PropertyName') return UNKNOWN;
    const base = this.expr(obj, scope, depth + 1);
    if (base.t === 'ns') return { t: 'ns', path: `${base.path}.${this.src.of(prop)}` };
    return UNKNOWN;
  }

  private call(e: SyntaxNode, scope: Scope, depth: number): Value {
    const callee = unwrap(e.firstChild!);
    const args = callArguments(e);
    if (callee.name === 'MemberExpression') {
      const [obj] = parts(callee);
      const method = methodName(this.src, e)!;
      const receiver = obj ? this.expr(obj, scope, depth + 1) : UNKNOWN;
      if (receiver.t === 'ns') return this.tfCall(`${receiver.path}.${method}`, e, args, scope, depth);
      return this.methodCall(receiver, method, e, args, scope, depth);
    }
    const fn = this.expr(callee, scope, depth + 1);
    if (fn.t === 'ns') return this.tfCall(fn.path, e, args, scope, depth);
    const values = args.map((a) => this.expr(a, scope, depth + 1));
    return fn.t === 'fn' ? this.callFunction(fn, values) : UNKNOWN;
  }

  private methodCall(receiver: Value, method: string, e: SyntaxNode, args: SyntaxNode[], scope: Scope, depth: number): Value {
    const arg = (i: number) => (args[i] ? this.expr(args[i], scope, depth + 1) : UNKNOWN);
    if (TFJS_OPS[method]) {
      // Other receivers' methods were recorded by the syntactic pass, which knows Math.tanh is not TF.js.
      if (receiver.t !== 'tensor') return UNKNOWN;
      const use = this.uses.method(e, method);
      return use ? this.applied(receiver.chain, this.activationLayer(use, e)) : UNKNOWN;
    }
    if (receiver.t === 'model') {
      const model = receiver.model;
      if (method === 'add') {
        const layer = arg(0);
        model.layers.push(...(layer.t === 'layer' ? layer.layers : layer.t === 'model' ? layer.model.layers : [this.opaque(args[0] ?? e)]));
        if (layer.t === 'model') model.residual ||= layer.model.residual;
        return UNKNOWN;
      }
      if (method === 'compile') {
        model.loss = this.compileLoss(args[0], scope) ?? model.loss;
        return UNKNOWN;
      }
      if (method === 'apply' || method === 'predict' || method === 'call' || method === 'predictOnBatch' || method === 'execute') {
        const input = arg(0);
        const base = input.t === 'tensor' ? input.chain : EMPTY_CHAIN;
        return tensor({ layers: [...base.layers, ...model.layers], residual: base.residual || model.residual, model });
      }
      args.forEach((_, i) => arg(i));
      return UNKNOWN;
    }
    if (receiver.t === 'layer' && method === 'apply') return this.applyLayer(receiver, arg(0));
    if (receiver.t === 'tensor') {
      if (PASS_THROUGH.has(method)) return receiver;
      if (TFJS_PRODUCTS.has(method)) {
        this.markGates([e.firstChild!.firstChild!, ...args]);
        return tensor({ ...receiver.chain, layers: [...receiver.chain.layers, this.opaque(e)] });
      }
      if (TFJS_SUMS.has(method)) return this.sum(receiver, arg(0), e);
      return tensor({ ...receiver.chain, layers: [...receiver.chain.layers, this.opaque(e)] });
    }
    args.forEach((_, i) => arg(i));
    return UNKNOWN;
  }

  private tfCall(path: string, e: SyntaxNode, args: SyntaxNode[], scope: Scope, depth: number): Value {
    const arg = (i: number) => (args[i] ? this.expr(args[i], scope, depth + 1) : UNKNOWN);
    const layerName = /^tf\.layers\.(\w+)$/.exec(path)?.[1];
    if (layerName) {
      if (layerName === 'input') return { t: 'tensor', chain: EMPTY_CHAIN };
      return this.layers.at(e, layerName, (node) => this.expr(node, scope, depth + 1));
    }
    const name = path.slice(3);
    switch (name) {
      case 'sequential': return this.sequential(e, args, scope, depth);
      case 'model': {
        const outputs = objectProperties(this.src, args[0]).get('outputs')?.value;
        let out = outputs ? this.expr(outputs, scope, depth + 1) : UNKNOWN;
        if (out.t === 'array') out = out.items[0] ?? UNKNOWN;
        if (out.t !== 'tensor') return UNKNOWN;
        return this.newModel(e, [...out.chain.layers], out.chain.residual);
      }
      case 'input': return { t: 'tensor', chain: EMPTY_CHAIN };
      case 'tidy': {
        const fn = arg(args.length - 1);
        return fn.t === 'fn' ? this.callFunction(fn, []) : UNKNOWN;
      }
    }
    if (/^(losses|metrics)\.\w+$/.test(name)) {
      const loss = this.uses.lossFunction(e, path);
      const prediction = arg(1);
      arg(0);
      if (loss && prediction.t === 'tensor' && prediction.chain.layers.length) this.lossTies.push({ chain: prediction.chain, loss, from: e.from });
      return UNKNOWN;
    }
    if (TFJS_OPS[name]) {
      const use = this.uses.op(e, name);
      const input = arg(0);
      return use && input.t === 'tensor' ? this.applied(input.chain, this.activationLayer(use, e)) : UNKNOWN;
    }
    if (TFJS_PRODUCTS.has(name)) {
      this.markGates(args);
      args.forEach((_, i) => arg(i));
      return UNKNOWN;
    }
    if (TFJS_SUMS.has(name)) {
      const a = arg(0);
      return a.t === 'tensor' ? this.sum(a, arg(1), e) : UNKNOWN;
    }
    args.forEach((_, i) => arg(i));
    return UNKNOWN;
  }

  // ---- models, layers, tensors ----

  private sequential(e: SyntaxNode, args: SyntaxNode[], scope: Scope, depth: number): Value {
    const list = objectProperties(this.src, args[0]).get('layers')?.value;
    const layers: Layer[] = [];
    let residual = false;
    if (list && unwrap(list).name === 'ArrayExpression') {
      for (const item of parts(unwrap(list))) {
        const v = this.expr(item, scope, depth + 1);
        if (v.t === 'layer') layers.push(...v.layers);
        else if (v.t === 'model') {
          layers.push(...v.model.layers);
          residual ||= v.model.residual;
        } else layers.push(this.opaque(item));
      }
    } else if (list) {
      layers.push(this.opaque(list));
    }
    return this.newModel(e, layers, residual);
  }

  private newModel(e: SyntaxNode, layers: Layer[], residual: boolean): Value {
    const existing = this.models.find((m) => m.from === e.from && sameLayers(m.layers, layers));
    if (existing) return { t: 'model', model: existing };
    const model: ModelRecord = { range: this.lines.range(e.from, e.to), layers, residual, from: e.from };
    this.models.push(model);
    return { t: 'model', model };
  }

  private applyLayer(layer: Extract<Value, { t: 'layer' }>, input: Value): Value {
    if (input.t === 'tensor') return tensor({ layers: [...input.chain.layers, ...layer.layers], residual: input.chain.residual });
    if (input.t !== 'array') return UNKNOWN;
    const tensors = input.items.filter((i): i is Extract<Value, { t: 'tensor' }> => i.t === 'tensor');
    if (!tensors.length) return UNKNOWN;
    const longest = tensors.reduce((a, b) => (b.chain.layers.length > a.chain.layers.length ? b : a));
    const residual = layer.merge === 'add' || tensors.some((t) => t.chain.residual);
    return tensor({ layers: [...longest.chain.layers, ...layer.layers], residual });
  }

  /** `a.add(b)` / `tf.add(a, b)`: a skip connection when one chain is the start of the other. */
  private sum(a: Extract<Value, { t: 'tensor' }>, b: Value, e: SyntaxNode): Value {
    const other = b.t === 'tensor' ? b.chain : undefined;
    const [long, short] = other && other.layers.length > a.chain.layers.length ? [other, a.chain] : [a.chain, other];
    const skip = short !== undefined && short.layers.every((l, i) => long.layers[i] === l);
    const step: Layer = skip ? { kind: 'residual', name: this.src.of(e.firstChild!), range: this.lines.range(e.from, e.to) } : this.opaque(e);
    return tensor({ layers: [...long.layers, step], residual: long.residual || skip });
  }

  private applied(chain: Chain, layer: Layer): Value {
    return tensor({ ...chain, layers: [...chain.layers, layer] });
  }

  private activationLayer(use: NonNullable<ReturnType<Uses['op']>>, e: SyntaxNode): Layer {
    return { kind: 'activation', name: use.spelling, range: this.lines.range(e.from, e.to), activation: use };
  }

  private opaque(n: SyntaxNode): Layer {
    const text = this.src.of(n);
    return { kind: 'unknown', name: text.length > 40 ? `${text.slice(0, 37)}...` : text, range: this.lines.range(n.from, n.to) };
  }

  private markGates(nodes: SyntaxNode[]): void {
    for (const n of nodes) {
      const e = n && unwrap(n);
      if (e?.name === 'CallExpression') this.uses.markGate(e);
    }
  }

  /** The loss in `compile({loss})`: a name, a `tf.losses` function, or a function that calls one. */
  private compileLoss(config: SyntaxNode | undefined, scope: Scope): LossUse | undefined {
    let node = objectProperties(this.src, config).get('loss')?.value;
    if (!node) return undefined;
    node = unwrap(node);
    if (node.name === 'ArrayExpression') node = parts(node)[0] && unwrap(parts(node)[0]);
    if (!node) return undefined;
    if (node.name === 'String' || node.name === 'TemplateString') return this.uses.compileString(node);
    const value = this.expr(node, scope);
    if (value.t === 'ns') return this.uses.lossFunction(node, value.path);
    if (value.t !== 'fn') return undefined;
    // A custom loss: the first tf.losses call in its body names what it reads.
    let found: LossUse | undefined;
    value.node.cursor().iterate((c) => {
      if (found || c.name !== 'CallExpression') return found === undefined;
      const path = memberPath(this.src, c.node.firstChild!);
      const qualified = path && this.bindings.get(path[0]) && [this.bindings.get(path[0]), ...path.slice(1)].join('.');
      if (qualified) found = this.uses.lossFunction(c.node, qualified);
      return found === undefined;
    });
    return found;
  }
}

/**
 * A tensor value, while its chain stays within the layer count of any real model: chains are
 * copied per step, so generated code applying layers thousands of times would cost quadratic time.
 */
function tensor(chain: Chain): Value {
  return chain.layers.length > MAX_CHAIN ? UNKNOWN : { t: 'tensor', chain };
}

function sameLayers(a: readonly Layer[], b: readonly Layer[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/** `for (let i = 0; i < 3; i++)` → 3; any other loop runs once. */
function loopCount(src: Source, n: SyntaxNode): number {
  const spec = src.of(n.getChild('ForSpec') ?? n);
  const m = /^\(\s*(?:let|var|const)?\s*(\w+)\s*=\s*(\d+)\s*;\s*\1\s*(<=?)\s*(\d+)\s*;\s*(?:\1\s*\+\+|\+\+\s*\1|\1\s*\+=\s*1)\s*\)$/.exec(spec);
  if (!m) return 1;
  const count = Number(m[4]) - Number(m[2]) + (m[3] === '<=' ? 1 : 0);
  return Math.max(0, Math.min(count, MAX_LOOP_COUNT));
}

