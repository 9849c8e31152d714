// Activation spellings → ActivationUse: module constructors, functional calls, tensor methods,
// strings and callables. The activation core names the function and maps framework arguments
// to its parameters; this module only reads arguments off the syntax tree.

import type { ActivationForm, ActivationUse, Framework } from '../../model/layerStack';
import { mapFrameworkParam, resolveFrameworkCall, resolveFrameworkName } from '../../../shared/activations';
import type { Arg, CallExpr, Expr, Span, StrExpr } from './ast';
import type { Canonical, Namespace } from './catalog';
import type { LineIndex } from './positions';
import { DIM_PARAMS, positionalParams } from './signatures';

export interface UseContext {
  text: string;
  lines: LineIndex;
  kerasVersion?: 2 | 3;
}

type CoreFramework = 'pytorch' | 'keras' | 'tensorflow';
type ArgValue = number | string | boolean | null;

/** Keyword names of the input tensor. */
const INPUT_NAMES = new Set(['input', 'x', 'features', 'logits']);

/** Tensor methods that are activations (`logits.sigmoid()`); other methods are not. */
const TENSOR_METHODS = new Set(['sigmoid', 'sigmoid_', 'tanh', 'tanh_', 'relu', 'relu_', 'softmax', 'log_softmax', 'hardshrink']);

interface Spelled {
  framework: CoreFramework;
  kind: 'module' | 'functional' | 'layer';
  form: ActivationForm;
  /** Arguments before the parameters: the input tensor of a function. */
  inputs: number;
}

const SPELLED: Partial<Record<Namespace, Spelled>> = {
  'torch.nn': { framework: 'pytorch', kind: 'module', form: 'module', inputs: 0 },
  F: { framework: 'pytorch', kind: 'functional', form: 'functional', inputs: 1 },
  torch: { framework: 'pytorch', kind: 'functional', form: 'functional', inputs: 1 },
  'keras.layers': { framework: 'keras', kind: 'layer', form: 'module', inputs: 0 },
  'keras.activations': { framework: 'keras', kind: 'functional', form: 'functional', inputs: 1 },
  'keras.backend': { framework: 'keras', kind: 'functional', form: 'functional', inputs: 1 },
  'tf.nn': { framework: 'tensorflow', kind: 'functional', form: 'functional', inputs: 1 },
  tf: { framework: 'tensorflow', kind: 'functional', form: 'functional', inputs: 1 },
};

function spelledAs(ns: Namespace): Spelled | undefined {
  return SPELLED[ns];
}

/** A literal argument value; undefined when the expression is not a literal. */
export function literal(e: Expr): ArgValue | undefined {
  if (e.k === 'num') return Number.isNaN(e.value) ? undefined : e.value;
  if (e.k === 'str') return e.value;
  if (e.k === 'const') return e.value;
  if (e.k === 'unary' && (e.op === '-' || e.op === '+') && e.operand.k === 'num' && !Number.isNaN(e.operand.value)) {
    return e.op === '-' ? -e.operand.value : e.operand.value;
  }
  return undefined;
}

/** Answers of `isActivationName`, one map of names per framework, kind and Keras version. */
const namesSeen = new Map<string, Map<string, boolean>>();
const NAMES_SEEN_SIZE = 4096;

/** Whether the core names an activation `name` spelled this way (files spell the same few names over and over). */
function isActivationName(framework: CoreFramework, name: string, kind: Spelled['kind'] | 'string', kerasVersion: 2 | 3 | undefined): boolean {
  const context = CONTEXT_KEYS[framework][kind][kerasVersion ?? 0];
  let seen = namesSeen.get(context);
  if (!seen) namesSeen.set(context, (seen = new Map()));
  let known = seen.get(name);
  if (known === undefined) {
    if (seen.size >= NAMES_SEEN_SIZE) seen.clear();
    known = resolveFrameworkName(framework, name, { kerasVersion, kind }) !== undefined;
    seen.set(name, known);
  }
  return known;
}

/** `namesSeen` keys, made once: `pytorch module 0`. */
const CONTEXT_KEYS = Object.fromEntries((['pytorch', 'keras', 'tensorflow'] as const).map((f) => [f, Object.fromEntries(
  (['module', 'functional', 'layer', 'string'] as const).map((k) => [k, [0, 1, 2, 3].map((v) => `${f} ${k} ${v}`)]),
)])) as Record<CoreFramework, Record<Spelled['kind'] | 'string', string[]>>;

function makeUse(
  ctx: UseContext, framework: CoreFramework, name: string, kind: Spelled['kind'] | 'string',
  args: Arg[], inputs: number, positional: readonly string[], form: ActivationForm, spelling: string, range: Span,
): ActivationUse | undefined {
  // Most calls are not activations (nn.Linear, layers.Dense): settle that before reading arguments.
  if (!isActivationName(framework, name, kind, ctx.kerasVersion)) return undefined;
  const literals: Record<string, ArgValue> = {};
  const unknown: string[] = [];
  let dim: number | string | undefined;
  let index = 0;
  for (const a of args) {
    if (a.star) return undefined; // `*args`: which parameter gets what is unknown
    const param = a.name ?? (index < inputs ? undefined : positional[index - inputs]);
    if (!a.name) index++;
    if (!param || INPUT_NAMES.has(param)) continue;
    const value = literal(a.value);
    if (DIM_PARAMS.has(param)) dim = typeof value === 'number' ? value : ctx.text.slice(a.value.from, a.value.to);
    else if (value === undefined) unknown.push(param);
    else literals[param] = value;
  }
  let resolved: ReturnType<typeof resolveFrameworkCall>;
  try {
    resolved = resolveFrameworkCall(framework, name, literals, { kerasVersion: ctx.kerasVersion, kind });
  } catch {
    // A value the core rejects (a negative lambd): the use is still this activation, at its defaults.
    resolved = resolveFrameworkCall(framework, name, {}, { kerasVersion: ctx.kerasVersion, kind });
    if (resolved) unknown.push(...Object.keys(literals));
  }
  if (!resolved) return undefined;
  const id = resolved.id;
  const modelled = unknown.filter((p) => isModelled(framework, id, p));
  return {
    id, params: resolved.params, spelling, form, framework: framework as Framework,
    range: ctx.lines.range(range.from, range.to),
    ...(dim !== undefined ? { dim } : {}),
    ...(modelled.length ? { unknownParams: modelled } : {}),
  };
}

/** Whether the core models argument `param` of activation `id` (for any value of the right type). */
function isModelled(framework: CoreFramework, id: string, param: string): boolean {
  return [0, 'none', false].some((probe) => mapFrameworkParam(framework, id, param, probe) !== undefined);
}

/** `nn.LeakyReLU(0.2)`, `F.softmax(x, dim=1)`, `tf.nn.relu(x)`, `keras.layers.ReLU()`. */
export function callActivation(ctx: UseContext, call: CallExpr, c: Canonical): ActivationUse | undefined {
  const spelled = spelledAs(c.ns);
  if (!spelled || !isActivationName(spelled.framework, c.name, spelled.kind, ctx.kerasVersion)) return undefined;
  return makeUse(
    ctx, spelled.framework, c.name, spelled.kind, call.args, spelled.inputs, positionalParams(c.ns, c.name, ctx.kerasVersion),
    spelled.form, ctx.text.slice(call.callee.from, call.callee.to), call,
  );
}

/** `logits.sigmoid()`, `scores.softmax(dim=-1)`: a PyTorch tensor method. Range: the method name and its arguments. */
export function methodActivation(ctx: UseContext, call: CallExpr): ActivationUse | undefined {
  if (call.callee.k !== 'attr' || !TENSOR_METHODS.has(call.callee.attr)) return undefined;
  // `self.relu(out)` calls a module attribute: tensor methods take no tensor argument (softmax's dim is a number).
  const receiver = call.callee.obj;
  if (receiver.k === 'name' && receiver.name === 'self') return undefined;
  const positional = call.args.filter((a) => !a.name);
  if (positional.some((a) => a.star || literal(a.value) === undefined || typeof literal(a.value) !== 'number')) return undefined;
  const name = call.callee.attr;
  const from = call.callee.to - name.length;
  return makeUse(ctx, 'pytorch', name, 'functional', call.args, 0, positionalParams('F', name, undefined), 'method', `.${name}()`, { from, to: call.to });
}

/** `activation="relu"`, `Activation('tanh')`, `nn.TransformerEncoderLayer(activation="gelu")`: range includes the quotes. */
export function stringActivation(ctx: UseContext, str: StrExpr, framework: 'pytorch' | 'keras'): ActivationUse | undefined {
  return makeUse(ctx, framework, str.value, 'string', [], 0, [], 'string', ctx.text.slice(str.from, str.to), str);
}

/**
 * The TensorFlow activation a layer applies when the call names none (`tf.contrib.layers.fully_connected`:
 * ReLU), spelled as `spelling` at `at`.
 */
export function defaultActivation(ctx: UseContext, name: string, spelling: string, at: Span): ActivationUse | undefined {
  return makeUse(ctx, 'tensorflow', name, 'functional', [], 0, [], 'callable', spelling, at);
}

/** `activation=tf.nn.relu`, `keras.activations.sigmoid`, `F.gelu` passed uncalled. */
export function callableActivation(ctx: UseContext, e: Expr, c: Canonical): ActivationUse | undefined {
  const spelled = spelledAs(c.ns);
  if (!spelled || spelled.kind !== 'functional') return undefined;
  return makeUse(ctx, spelled.framework, c.name, 'functional', [], 0, [], 'callable', ctx.text.slice(e.from, e.to), e);
}
