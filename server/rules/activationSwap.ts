// Suggestions for ACT001/ACT002: a non-saturating activation in place of a saturating hidden one.
// They change what the model computes (and which initialisation suits it), so they are offered as
// suggestions and never applied by fix-all. Each edit rewrites only the activation's name in the
// form it was written; anything else (arguments the new activation lacks, a bare imported name,
// TF.js or config files) gets no suggestion.

import type { ActivationUse } from '../model/layerStack';
import type { Fix, RuleContext, TextEdit } from './types';
import type { SourceText } from './sourceText';
import { callAt } from './pythonCall';

type Target = 'relu' | 'gelu';

const SATURATING_NAME = /^(sigmoid|tanh|hard_?sigmoid|hardtanh|softsign|log_?sigmoid)$/i;
const MODULE_NAME: Record<Target, string> = { relu: 'ReLU', gelu: 'GELU' };
const PYTHON_FRAMEWORKS = new Set(['pytorch', 'keras', 'tensorflow']);

/**
 * ReLU, or GELU in code that already uses GELU (transformer-style code, where GELU is the
 * convention and its smooth negative side is what the rest of the model was tuned with).
 */
function targetFor(ctx: RuleContext): Target {
  return ctx.model.activations.some((a) => a.id.startsWith('gelu') && !a.gating) ? 'gelu' : 'relu';
}

/** A dotted function name for `target` next to `dotted` (`F.tanh` → `F.relu`, `tf.math.sigmoid` → `tf.nn.relu`). */
function renamedFunction(dotted: string, framework: string, target: Target): string | undefined {
  const dot = dotted.lastIndexOf('.');
  if (dot < 0 || !SATURATING_NAME.test(dotted.slice(dot + 1))) return undefined; // a bare name: the new one may not be imported
  const prefix = dotted.slice(0, dot + 1);
  if (framework === 'pytorch') {
    // torch has relu but no public gelu; torch.nn.functional (F) has both.
    if (prefix === 'torch.') return target === 'relu' ? 'torch.relu' : undefined;
    return `${prefix}${target}`;
  }
  if (/(^|\.)(activations|nn)\.$/.test(prefix)) return `${prefix}${target}`;
  // tf.sigmoid, tf.math.tanh: TensorFlow spells relu and gelu under tf.nn.
  const tf = /^(tf|tensorflow)\.(math\.)?$/.exec(prefix);
  return tf ? `${tf[1]}.nn.${target}` : undefined;
}

/** An edit that puts `target` in place of the saturating `use`, or undefined where the rewrite is not known to be right. */
function replaceActivation(src: SourceText, use: ActivationUse, target: Target): TextEdit | undefined {
  if (!PYTHON_FRAMEWORKS.has(use.framework)) return undefined;
  const text = src.slice(use.range);
  if (use.form === 'string') {
    const m = /^(['"])(\w+)\1$/.exec(text);
    return m && SATURATING_NAME.test(m[2]) ? { range: use.range, newText: `${m[1]}${target}${m[1]}` } : undefined;
  }
  if (use.form === 'callable') {
    const name = /^[\w.]+$/.test(text) ? renamedFunction(text, use.framework, target) : undefined;
    return name ? { range: use.range, newText: name } : undefined;
  }
  const call = callAt(src.text, src.offsetAt(use.range.start));
  if (!call) return undefined;
  const callee = src.text.slice(call.start, call.calleeEnd);
  const calleeEdit = (newText: string | undefined): TextEdit | undefined => newText ? { range: src.range(call.start, call.calleeEnd), newText } : undefined;
  const only = call.args.length === 1 && !call.args[0].keyword && src.text[call.args[0].start] !== '*';
  switch (use.form) {
    case 'module': {
      // nn.Sigmoid() → nn.ReLU(); a module with arguments (nn.Hardtanh(-2, 2)) has none ReLU takes.
      const m = /^([\w.]*\.)?(\w+)$/.exec(callee);
      return m && use.framework === 'pytorch' && call.args.length === 0 && SATURATING_NAME.test(m[2]) ? calleeEdit(`${m[1] ?? ''}${MODULE_NAME[target]}`) : undefined;
    }
    case 'functional':
      // Only the input argument: torch.sigmoid(x) → torch.relu(x).
      return only ? calleeEdit(renamedFunction(callee, use.framework, target)) : undefined;
    case 'method':
      // x.sigmoid() → x.relu(); tensors have no .gelu().
      return call.args.length === 0 && target === 'relu' && SATURATING_NAME.test(callee) ? calleeEdit('relu') : undefined;
  }
}

/** The suggestion to replace every one of `uses` (each once), or undefined unless all can be. */
export function nonSaturatingSuggestion(ctx: RuleContext, uses: readonly ActivationUse[]): Fix | undefined {
  const target = targetFor(ctx);
  const unique = [...new Map(uses.map((u) => [`${u.range.start.line}:${u.range.start.character}`, u])).values()];
  const edits = unique.map((u) => replaceActivation(ctx.source, u, target));
  if (!edits.every((e): e is TextEdit => e !== undefined)) return undefined;
  const ids = [...new Set(unique.map((u) => u.id))].join(' and ');
  return { title: `Replace ${ids} with ${MODULE_NAME[target]} (changes the model)`, edits };
}
