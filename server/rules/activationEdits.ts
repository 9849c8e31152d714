// Edits on an activation as the model locates it: remove it in whichever form it was written,
// rename it, or give a layer one. Undefined whenever the text is not shaped as expected, so a
// fix is only offered where it is known to be right.

import type { ActivationUse, Layer, Range } from '../model/layerStack';
import type { TextEdit } from './types';
import type { SourceText } from './sourceText';
import { callAt, type Call } from './pythonCall';
import { appendArgument, appliedCallAt, insertElementAfter, isLayerListItem, removeElement, removeMethodCall, unwrapCall } from './fixEdits';

function isConstructorName(callee: string): boolean {
  return /^[A-Z]/.test(callee.slice(callee.lastIndexOf('.') + 1));
}

function isApplied(text: string, call: Call): boolean {
  let i = call.close + 1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === '(';
}

/** The `activation=` argument of a layer (or its bare value), widened to the whole argument. */
function activationArgument(src: SourceText, range: Range): { start: number; end: number } {
  let start = src.offsetAt(range.start);
  const kw = /\bactivation\s*=\s*$/.exec(src.text.slice(Math.max(0, start - 40), start));
  if (kw) start -= kw[0].length;
  return { start, end: src.offsetAt(range.end) };
}

/** Offset of the `.name` in a method-form use such as `logits.sigmoid()`. */
function methodDot(src: SourceText, use: ActivationUse): number {
  const name = /(\w+)\W*$/.exec(use.spelling)?.[1];
  if (!name) return -1;
  const from = src.offsetAt(use.range.start);
  const to = src.offsetAt(use.range.end);
  const found = src.text.slice(from, to).lastIndexOf(`.${name}`);
  if (found >= 0) return from + found;
  return src.text.startsWith(name, from) && src.text[from - 1] === '.' ? from - 1 : -1;
}

/** An edit that removes `use` (applied by `layer`) and keeps the data flowing past it. */
export function removeActivation(src: SourceText, layer: Layer, use: ActivationUse): TextEdit | undefined {
  const text = src.text;
  if (use.form === 'string' || use.form === 'callable') {
    if (layer.kind === 'activation') return removeModule(src, src.offsetAt(layer.range.start));
    if (!layer.activationArgRange) return undefined;
    const arg = activationArgument(src, layer.activationArgRange);
    return removeElement(src, arg.start, arg.end);
  }
  if (use.form === 'method') {
    const dot = methodDot(src, use);
    return dot < 0 ? undefined : removeMethodCall(src, dot);
  }
  const start = src.offsetAt(use.range.start);
  if (use.form === 'functional') {
    const call = callAt(text, start);
    return call && unwrapCall(src, call);
  }
  return removeModule(src, start);
}

/** `nn.Sigmoid(),` as a list item, `nn.Sigmoid()(x)`, or a call of a module attribute `self.act(x)`. */
function removeModule(src: SourceText, start: number): TextEdit | undefined {
  const call = callAt(src.text, start);
  if (!call) return undefined;
  if (isApplied(src.text, call)) {
    const applied = appliedCallAt(src.text, start);
    return applied && unwrapCall(src, applied);
  }
  const callee = src.text.slice(call.start, call.calleeEnd);
  if (isConstructorName(callee)) {
    return isLayerListItem(src, start) ? removeElement(src, start, call.close + 1) : undefined;
  }
  return unwrapCall(src, call);
}

/** Replace the identifier matched by `pattern` inside `range` (the first match only). */
export function renameInRange(src: SourceText, range: Range, pattern: RegExp, replacement: string): TextEdit | undefined {
  const from = src.offsetAt(range.start);
  const m = pattern.exec(src.slice(range));
  if (!m) return undefined;
  return { range: src.range(from + m.index, from + m.index + m[0].length), newText: replacement };
}

/**
 * Give an affine layer a ReLU: `activation="relu"` on a Keras layer, or `nn.ReLU()` as a new PyTorch
 * layer-list item after `anchor` (the layer itself or the normalization that follows it), spelled
 * with the layer's own module prefix.
 */
export function addRelu(src: SourceText, layer: Layer, anchor: Layer, keras: boolean, quote: string): TextEdit | undefined {
  if (keras) {
    const call = callAt(src.text, src.offsetAt(layer.range.start));
    if (!call) return undefined;
    const relu = `${quote}relu${quote}`;
    const existing = call.args.find((a) => a.keyword === 'activation');
    if (existing) return { range: src.range(existing.valueStart, existing.end), newText: relu };
    return appendArgument(src, call, `activation=${relu}`);
  }
  const prefix = /^(.*\.)?[A-Za-z_]\w*$/.exec(layer.name)?.[1];
  if (!prefix && !/^\s*from\s+torch\.nn\s+import\b[^\n]*\bReLU\b/m.test(src.text)) return undefined;
  const start = src.offsetAt(anchor.range.start);
  const call = callAt(src.text, start);
  if (!call || !isLayerListItem(src, start)) return undefined;
  return insertElementAfter(src, start, call.close + 1, `${prefix ?? ''}ReLU()`);
}
