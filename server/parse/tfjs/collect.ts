// Every activation spelling that resolves without running the code: `activation` options of
// `tf.layers.*` configs, activation layers, `tf.*` ops and tensor methods. The evaluator records
// the same uses by node when it reaches them; this pass covers code it does not run (branches it
// skips, callbacks) so that hovers work everywhere. A sigmoid multiplied into another tensor
// (`tf.mul(x, tf.sigmoid(g))`) is marked as a gate.

import type { SyntaxNode } from '@lezer/common';
import { TFJS_ACTIVATION_LAYERS, TFJS_OPS, TFJS_PRODUCTS } from './catalog';
import { callArguments, memberPath, objectProperties, parts, unwrap, type Source } from './syntax';
import { methodName, type Uses } from './uses';

/** Receivers whose methods share names with activations but are not tensors. */
const NOT_TENSORS = new Set(['Math', 'console', 'window', 'document']);

/** `tf.layers.dense` with `tf` bound to TF.js → `tf.layers.dense`. */
function staticPath(src: Source, callee: SyntaxNode, bindings: ReadonlyMap<string, string>): string | undefined {
  const path = memberPath(src, callee);
  const root = path && bindings.get(path[0]);
  return root && [root, ...path.slice(1)].join('.');
}

function configActivations(src: Source, call: SyntaxNode, uses: Uses): void {
  const config = objectProperties(src, callArguments(call)[0]);
  for (const key of ['activation', 'recurrentActivation']) {
    const value = config.get(key)?.value;
    const use = value && uses.string(unwrap(value));
    // An LSTM/GRU's recurrent activation computes its gates.
    if (use && key === 'recurrentActivation') use.gating = true;
  }
}

export function collectUses(src: Source, top: SyntaxNode, bindings: ReadonlyMap<string, string>, uses: Uses): void {
  const products: SyntaxNode[] = [];
  top.cursor().iterate((c) => {
    if (c.name !== 'CallExpression') return;
    const call = c.node;
    const callee = unwrap(call.firstChild!);
    const path = staticPath(src, callee, bindings);
    const layer = path && /^tf\.layers\.(\w+)$/.exec(path)?.[1];
    const op = path && /^tf\.(\w+)$/.exec(path)?.[1];
    if (layer) {
      if (TFJS_ACTIVATION_LAYERS.has(layer)) uses.layer(call, layer);
      else configActivations(src, call, uses);
    } else if (op && TFJS_OPS[op]) {
      uses.op(call, op);
    } else if (op && TFJS_PRODUCTS.has(op)) {
      products.push(...callArguments(call));
    } else if (!path && callee.name === 'MemberExpression') {
      const name = methodName(src, call);
      const receiver = parts(callee)[0];
      if (!name || !receiver || NOT_TENSORS.has(src.of(receiver))) return;
      if (TFJS_OPS[name]) uses.method(call, name);
      else if (TFJS_PRODUCTS.has(name)) products.push(receiver, ...callArguments(call));
    }
  });
  for (const p of products) {
    const e = unwrap(p);
    if (e.name === 'CallExpression') uses.markGate(e);
  }
}
