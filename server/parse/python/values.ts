// Abstract values of the evaluator. A tensor derived from a model's input is a Flow: the chain of
// layers applied to it so far, hash-consed so equal chains are the same object and "is this flow
// a skip of that one" is an ancestor test. Layers, containers, instances of the file's classes
// and framework names not yet called are values too; everything else is `unknown`.

import type { InitReading } from '../../../shared/activations/initSpellings';
import type { Framework, Layer, LossUse } from '../../model/layerStack';
import type { CallExpr, ClassDef, Expr, FunctionDef, Span } from './ast';
import type { Scope } from './scopes';

/** Longest chain kept; deeper models are cut here (no real model comes near). */
const MAX_CHAIN = 4000;

/** Where a data flow starts: a parameter, a Keras Input, a tensor from outside, a join of branches, a matrix product of two flows. */
export type RootKind = 'param' | 'input' | 'external' | 'join' | 'matmul';

export class Chain {
  /** Made on the first `then`: most chains are never extended. */
  private next?: Map<Layer, Chain>;
  readonly depth: number;

  private constructor(readonly root: RootKind, readonly layer?: Layer, readonly prev?: Chain) {
    this.depth = prev ? prev.depth + 1 : 0;
  }

  static start(root: RootKind): Chain {
    return new Chain(root);
  }

  then(layer: Layer): Chain {
    if (this.depth >= MAX_CHAIN) return this;
    this.next ??= new Map();
    let c = this.next.get(layer);
    if (!c) this.next.set(layer, (c = new Chain(this.root, layer, this)));
    return c;
  }

  /** This chain or its ancestor at `depth`. */
  at(depth: number): Chain | undefined {
    let c: Chain | undefined = this;
    while (c && c.depth > depth) c = c.prev;
    return c && c.depth === depth ? c : undefined;
  }

  /** `other` is this chain or one of its prefixes. */
  extends(other: Chain): boolean {
    return this.at(other.depth) === other;
  }

  /** The deepest chain both start with, if they share a root. */
  common(other: Chain): Chain | undefined {
    let a: Chain | undefined = this.at(Math.min(this.depth, other.depth));
    let b: Chain | undefined = other.at(Math.min(this.depth, other.depth));
    while (a && b && a !== b) {
      a = a.prev;
      b = b.prev;
    }
    return a && a === b ? a : undefined;
  }

  layers(): Layer[] {
    const out: Layer[] = [];
    for (let c: Chain | undefined = this; c?.layer; c = c.prev) out.push(c.layer);
    return out.reverse();
  }
}

export interface Candidate {
  /** `graph`: layers from an input to a loss with no model around them (TF1 code at module level). */
  kind: 'class' | 'model' | 'function' | 'sequential' | 'graph';
  /** Set by the first assignment (`model = Sequential(...)`); classes and functions use their own name. */
  name?: string;
  fallbackName: string;
  span: Span;
  framework: Framework;
  layers: Layer[];
  loss?: LossUse;
  aliases: string[];
}

export interface Flow {
  t: 'flow';
  chain: Chain;
  /** Branches diverged after `chain`: only the start is known. */
  uncertain?: boolean;
  /** The model whose output this is, while nothing else is applied to it. */
  model?: Candidate;
  /** The output of a gating activation, waiting to multiply another tensor. */
  gate?: boolean;
  /**
   * An entry of a parameter taken by a string key (`weights['h1']` in `def net(x, weights)`): a
   * weight or bias from a dictionary when it meets the data, the data itself (`features["x"]`) otherwise.
   */
  keyed?: boolean;
}

/** An element of a list, ModuleList or Sequential; `conditional` when added under a condition the analysis cannot decide. */
export interface Item { value: Value; conditional: boolean; span?: Span }

export interface ListValue { items: Item[]; createdDepth: number }

/**
 * A dict with string keys (`weights = {'h1': tf.Variable(...)}`). `open` when it may hold keys the
 * analysis cannot name (a `**spread`, a key of unknown or non-string value, `update()`): a lookup
 * in an open dict is unknown, since any entry may have been replaced.
 */
export interface DictValue { entries: Map<string, Value>; open: boolean }

export interface SequenceValue {
  /** The `Sequential(...)` call that built it. */
  node: CallExpr;
  items: Item[];
  framework: Framework;
  createdDepth: number;
  candidate: Candidate;
}

export interface ClassInfo {
  def: ClassDef;
  scope: Scope;
  bases: ClassInfo[];
  /** `pytorch` for nn.Module subclasses, `keras` for keras.Model/Layer subclasses. */
  framework?: Framework;
  attrs: Map<string, Value>;
  instance?: Instance;
  candidate?: Candidate;
}

export interface Instance { cls: ClassInfo; attrs: Map<string, Value> }

export interface FuncInfo {
  def: FunctionDef;
  /** The environment the function closes over. */
  env: Env;
  /** The class it is a method of. */
  cls?: ClassInfo;
  candidate?: Candidate;
}

export interface FunctionalModel { candidate: Candidate; chain: Chain }

export type Value =
  | { t: 'unknown' }
  | { t: 'num'; v: number }
  | { t: 'str'; v: string; node?: Expr }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | Flow
  /** A constructed layer; `then` are layers it applies after itself (an activation the parser cannot resolve). */
  | { t: 'layer'; layer: Layer; then?: Layer }
  /** A layer that passes its input on (nn.Identity, InputLayer). */
  | { t: 'identity' }
  /** A Keras merge layer: `Add()`, `Concatenate()`. */
  | { t: 'merger'; mode: 'add' | 'merge'; node: CallExpr }
  | { t: 'seq'; seq: SequenceValue }
  | { t: 'list'; list: ListValue; tuple: boolean }
  | { t: 'dict'; dict: DictValue }
  | { t: 'object'; obj: Instance }
  | { t: 'class'; cls: ClassInfo }
  | { t: 'func'; fn: FuncInfo; self?: Instance }
  | { t: 'super'; cls: ClassInfo; self: Instance }
  | { t: 'model'; model: FunctionalModel }
  | { t: 'loss'; loss: LossUse }
  /** A TensorFlow variable or initial value the code makes (`tf.Variable(tf.zeros([784, 10]))`), with its shape when written as integers. */
  | { t: 'weight'; shape?: number[]; draw?: WeightDraw }
  /** A framework name not called yet: `nn`, `nn.Linear`, `F.relu`; `node` is where it is spelled. */
  | { t: 'ref'; qname: string; node: Expr }
  | { t: 'builtin'; name: string }
  /** A method looked up on a value, not called yet. */
  | { t: 'bound'; recv: Value; name: string; node: Expr };

/**
 * How a TF1 weight's initial value is drawn (`tf.random_normal([784, 256])`, a get_variable
 * initializer); `reading` absent when the estimate cannot take it (tf.ones, a non-zero mean).
 */
export interface WeightDraw {
  reading?: InitReading;
  /** The op that draws it, as written: `tf.random_normal`. */
  source: string;
  /** The tf.Variable / get_variable call that makes the weight (the op's own call until one wraps it). */
  span: Span;
}

export const UNKNOWN: Value = { t: 'unknown' };
export const NONE: Value = { t: 'none' };

/** Variables of one function activation, module or class body. */
export class Env {
  readonly vars = new Map<string, Value>();
  constructor(readonly scope: Scope, readonly parent?: Env) {}

  lookup(name: string): Value | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

export function flow(chain: Chain, extra: Partial<Flow> = {}): Flow {
  return { t: 'flow', chain, ...extra };
}

/** The chain a flow continues from: an uncertain one starts afresh, since its middle is unknown. */
export function solid(f: Flow): Chain {
  return f.uncertain ? Chain.start('join') : f.chain;
}

/** The value a variable has after branches assigned it `values` (undefined: not assigned on that path). */
export function join(values: (Value | undefined)[]): Value {
  const defined = values.filter((v): v is Value => v !== undefined);
  if (defined.length === 0) return UNKNOWN;
  const first = defined[0];
  if (defined.every((v) => v === first)) return first;
  if (defined.every((v) => v.t === 'flow')) {
    const flows = defined as Flow[];
    if (flows.every((f) => f.chain === flows[0].chain && !f.uncertain)) {
      const model = flows.every((f) => f.model === flows[0].model) ? flows[0].model : undefined;
      return flow(flows[0].chain, model ? { model } : {});
    }
    let common: Chain | undefined = flows[0].chain;
    for (const f of flows.slice(1)) common = common?.common(f.chain);
    return flow(common ?? Chain.start('join'), { uncertain: true });
  }
  if (defined.every((v) => v.t === 'num' && v.v === (first as { v: number }).v)) return first;
  if (defined.every((v) => v.t === 'str' && v.v === (first as { v: string }).v)) return first;
  if (defined.every((v) => v.t === 'bool' && v.v === (first as { v: boolean }).v)) return first;
  if (defined.every((v) => v.t === 'none')) return NONE;
  return UNKNOWN;
}

/** The widths of `x @ W` by the weight's written shape (`tf.Variable(tf.zeros([784, 10]))` → 784 in, 10 out). */
export function weightWidths(weight: Value | undefined): { units?: number; inFeatures?: number } {
  return weight?.t === 'weight' && weight.shape?.length === 2 ? { inFeatures: weight.shape[0], units: weight.shape[1] } : {};
}

export function truthy(v: Value): boolean | undefined {
  switch (v.t) {
    case 'bool': return v.v;
    case 'num': return v.v !== 0;
    case 'str': return v.v !== '';
    case 'none': return false;
    case 'list':
      if (v.list.items.length === 0) return false;
      return v.list.items.every((i) => !i.conditional) ? true : undefined;
    case 'dict':
      if (v.dict.entries.size > 0) return true;
      return v.dict.open ? undefined : false;
    case 'layer': case 'seq': case 'object': case 'class': case 'func': case 'model': case 'loss': case 'identity': return true;
    default: return undefined;
  }
}
