// The syntactic pass: every activation and loss spelled in the file, wherever it appears
// (layer lists, forward methods, helper functions, dict tables of activations, dead code).

import type { CallExpr, Expr, Stmt, StrExpr } from './ast';
import { callableActivation, callActivation, methodActivation, stringActivation, type UseContext } from './activationUses';
import { canonical, KERAS_LAYERS, type Canonical } from './catalog';
import { LEGACY_KEYWORDS, LEGACY_NAMES } from './kerasVersion';
import { logCrossEntropy } from './logCrossEntropy';
import { callableLoss, callLoss, logCrossEntropyUse, stringLoss } from './losses';
import type { Registry } from './registry';
import type { Resolver, Scope, ScopeTable } from './scopes';
import { walkModule } from './walk';

/** Keyword arguments that name a layer's activation. */
const ACTIVATION_KEYWORDS = new Set(['activation', 'recurrent_activation', 'nonlinearity']);

/** Words the evidence is made of: without any of them in the text, there is none. */
const EVIDENCE_WORDS = new RegExp(`\\b(tf|tensorflow|${[...LEGACY_NAMES, ...LEGACY_KEYWORDS].join('|')})\\b`);

/** Version evidence only the code (not the imports) shows. Qualifies only the few callees that can matter. */
export function scanEvidence(module: Stmt[], table: ScopeTable, resolver: Resolver, text: string): { tensorflowUsed: boolean; legacySpelling: boolean } {
  const out = { tensorflowUsed: false, legacySpelling: false };
  if (!EVIDENCE_WORDS.test(text)) return out;
  walkModule(module, table, (e, scope) => {
    if (e.k !== 'call') return;
    let root = e.callee;
    while (root.k === 'attr') root = root.obj;
    if (root.k === 'name' && (root.name === 'tf' || root.name === 'tensorflow') && resolver.qualify(e.callee, scope)?.startsWith('tensorflow.')) {
      out.tensorflowUsed = true;
    }
    const last = e.callee.k === 'attr' ? e.callee.attr : e.callee.k === 'name' ? e.callee.name : '';
    const legacyKeyword = e.args.some((a) => a.name && LEGACY_KEYWORDS.has(a.name));
    if (!LEGACY_NAMES.has(last) && !legacyKeyword) return;
    if (legacyKeyword && last === 'fit') out.legacySpelling = true;
    const q = resolver.qualify(e.callee, scope);
    if (q && canonical(q)?.ns.startsWith('keras')) out.legacySpelling = true;
  });
  return out;
}

export function collectUses(module: Stmt[], table: ScopeTable, resolver: Resolver, ctx: UseContext, registry: Registry): void {
  // The scope of the expression being visited, read by one log test made once rather than per node.
  let current = table.module;
  const isLog = (call: CallExpr) => isTensorflowLog(call, current, resolver);
  walkModule(module, table, (e, scope, callee) => {
    current = scope;
    const written = logCrossEntropy(e, isLog);
    if (written) for (const log of written.logs) registry.loss(log, () => logCrossEntropyUse(ctx, log, written.binary));
    if (e.k === 'call') collectCall(e, scope, resolver, ctx, registry);
    else if ((e.k === 'attr' || e.k === 'name') && !callee) {
      const q = resolver.qualify(e, scope);
      const c = q ? canonical(q) : undefined;
      if (!c) return;
      registry.loss(e, () => callableLoss(ctx, e, c));
      registry.activation(e, () => callableActivation(ctx, e, c));
    }
  });
}

/** `tf.log(p)`, `tf.math.log(p)`, `tf.compat.v1.log(p)`. */
function isTensorflowLog(call: CallExpr, scope: Scope, resolver: Resolver): boolean {
  if (call.callee.k !== 'attr' || call.callee.attr !== 'log') return false;
  const q = resolver.qualify(call.callee, scope);
  const c = q ? canonical(q) : undefined;
  return c?.ns === 'tf' || c?.ns === 'tf.nn';
}

/** Framework whose activation strings a layer's `activation=` takes; undefined for calls of unknown code. */
function stringFramework(c: Canonical | undefined): 'pytorch' | 'keras' | undefined {
  if (!c) return undefined;
  if (c.ns === 'torch.nn') return 'pytorch';
  if (c.ns === 'keras.layers' || c.ns === 'tf.layers') return 'keras';
  return undefined;
}

function collectCall(call: Extract<Expr, { k: 'call' }>, scope: Scope, resolver: Resolver, ctx: UseContext, registry: Registry): void {
  const q = resolver.qualify(call.callee, scope);
  const c = q ? canonical(q) : undefined;
  if (!c) {
    if (!q) registry.activation(call, () => methodActivation(ctx, call));
    if (call.callee.k === 'attr' && call.callee.attr === 'compile') collectCompileStrings(call, ctx, registry);
    return;
  }
  if (registry.loss(call, () => callLoss(ctx, call, c))) return;
  if (!(c.ns === 'keras.layers' && c.name === 'Activation')) registry.activation(call, () => callActivation(ctx, call, c));
  const framework = stringFramework(c);
  if (!framework) return;
  const positional = c.name === 'Activation' ? 0 : KERAS_LAYERS[c.name]?.activationIndex;
  let keywordSeen = false;
  for (let i = 0; i < call.args.length; i++) {
    const a = call.args[i];
    const isActivation = a.name ? ACTIVATION_KEYWORDS.has(a.name) : i === positional && !keywordSeen;
    if (a.name) keywordSeen = true;
    if (isActivation && a.value.k === 'str') {
      const str = a.value;
      const use = registry.activation(str, () => stringActivation(ctx, str, framework));
      if (use && a.name === 'recurrent_activation') use.gating = true;
    }
  }
}

/** `model.compile(loss="binary_crossentropy")`, also inside a list or dict of per-output losses. */
function collectCompileStrings(call: Extract<Expr, { k: 'call' }>, ctx: UseContext, registry: Registry): void {
  const arg = call.args.find((a) => a.name === 'loss') ?? call.args.filter((a) => !a.name)[1];
  if (!arg) return;
  const strings: StrExpr[] = [];
  const gather = (e: Expr) => {
    if (e.k === 'str') strings.push(e);
    else if (e.k === 'list' || e.k === 'tuple') e.items.forEach(gather);
    else if (e.k === 'dict') for (const entry of e.entries) gather(entry.value);
    else if (e.k === 'other') e.children.forEach(gather);
  };
  gather(arg.value);
  for (const s of strings) registry.loss(s, () => stringLoss(ctx, s));
}
