// Crossentropies written out with `tf.log`: `-tf.reduce_sum(y * tf.log(p), axis=1)` (TF1 tutorials)
// and the binary form `y * tf.log(p) + (1 - y) * tf.log(1 - p)`. The log of a product with the
// labels is where the model's output is read, as probabilities.

import type { CallExpr, Expr } from './ast';
import { REDUCTIONS } from './catalog';

/**
 * The log calls of the crossentropy whose outermost arithmetic is `e` (reductions included), and
 * whether it is the binary form; undefined when `e` multiplies no log by a tensor.
 */
export function logCrossEntropy(e: Expr, isLog: (call: CallExpr) => boolean): { logs: CallExpr[]; binary: boolean } | undefined {
  if (!isArithmetic(e)) return undefined;
  const logs: CallExpr[] = [];
  const visit = (x: Expr, depth: number): void => {
    if (depth > 16) return;
    if (x.k === 'bin' && x.op === '*') {
      const fs = factors(x);
      const log = fs.find((f): f is CallExpr => f.k === 'call' && isLog(f));
      if (log && fs.some((f) => f !== log && !isScalar(f))) logs.push(log);
      return;
    }
    if (x.k === 'bin' && ['+', '-', '/'].includes(x.op)) {
      visit(x.left, depth + 1);
      visit(x.right, depth + 1);
    } else if (x.k === 'unary') visit(x.operand, depth + 1);
    else if (x.k === 'call' && isReduction(x) && x.args[0]) visit(x.args[0].value, depth + 1);
  };
  visit(e, 0);
  if (logs.length === 0) return undefined;
  return { logs, binary: logs.length > 1 || logs.some((l) => l.args[0] !== undefined && isOneMinus(l.args[0].value)) };
}

const ARITHMETIC = new Set(['+', '-', '*', '/']);

/** Tried on every expression of the file: no allocation. */
function isArithmetic(e: Expr): boolean {
  return (e.k === 'bin' && ARITHMETIC.has(e.op)) || e.k === 'unary' || (e.k === 'call' && isReduction(e));
}

function isReduction(call: CallExpr): boolean {
  const callee = call.callee;
  return REDUCTIONS.has(callee.k === 'attr' ? callee.attr : callee.k === 'name' ? callee.name : '');
}

/** The operands of a product: `y * w * tf.log(p)` yields `y`, `w` and the log. */
function factors(e: Expr): Expr[] {
  if (e.k === 'bin' && e.op === '*') return [...factors(e.left), ...factors(e.right)];
  if (e.k === 'unary' && e.op === '-') return factors(e.operand);
  return [e];
}

function isScalar(e: Expr): boolean {
  if (e.k === 'num') return true;
  if (e.k === 'unary') return isScalar(e.operand);
  return e.k === 'bin' && isScalar(e.left) && isScalar(e.right);
}

/** `1 - p` (also `1. - p`): the probability of the other class. */
function isOneMinus(e: Expr): boolean {
  return e.k === 'bin' && e.op === '-' && e.left.k === 'num' && e.left.value === 1;
}
