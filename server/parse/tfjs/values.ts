// Abstract values of the TF.js evaluator: namespaces, layers, models, symbolic or eager tensors
// (with the layers applied since their input), losses, functions and arrays.

import type { SyntaxNode } from '@lezer/common';
import type { Layer, LossUse, Range } from '../../model/layerStack';

/** The layers a tensor went through, from its input. */
export interface Chain {
  layers: Layer[];
  residual: boolean;
  /** The model whose output this tensor is, when it came from `model.predict(x)` or `model.apply(x)`. */
  model?: ModelRecord;
}

/** A `tf.sequential()` or `tf.model()`: mutable, as `model.add` and `model.compile` change it. */
export interface ModelRecord {
  name?: string;
  range: Range;
  layers: Layer[];
  residual: boolean;
  loss?: LossUse;
  /** Offset of the call that built it, for ordering. */
  from: number;
}

export class Scope {
  private readonly vars = new Map<string, Value>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** Assignment: the scope that declared the name, else this one. */
  assign(name: string, value: Value): void {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, value);
        return;
      }
    }
    this.vars.set(name, value);
  }

  /** `this.model = ...`: stored with the class's fields (the scope that declares `this`). */
  assignField(name: string, value: Value): void {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars.has('this')) {
        s.vars.set(name, value);
        return;
      }
    }
    this.vars.set(name, value);
  }
}

export type Value =
  | { t: 'ns'; path: string }
  | { t: 'layer'; layers: Layer[]; merge?: 'add' | 'merge' }
  | { t: 'model'; model: ModelRecord }
  | { t: 'tensor'; chain: Chain }
  | { t: 'loss'; loss: LossUse }
  | { t: 'fn'; node: SyntaxNode; scope: Scope }
  | { t: 'array'; items: Value[] }
  | { t: 'unknown' };

export const UNKNOWN: Value = { t: 'unknown' };
export const EMPTY_CHAIN: Chain = { layers: [], residual: false };
