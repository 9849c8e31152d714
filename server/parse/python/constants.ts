// Operators on constants the code computes with: widths (`4 * d`), loop bounds, conditions
// (`i < n - 1`, `self.downsample is not None`, `rnn_type in ['LSTM', 'GRU']`).

import { canonical } from './catalog';
import { UNKNOWN, type Value } from './values';

/** Whether `v` is None: undefined when the evaluator cannot tell. A framework member (`tf.nn.relu`) never is. */
function isNone(v: Value): boolean | undefined {
  if (v.t === 'none') return true;
  if (v.t === 'ref') return canonical(v.qname) ? false : undefined;
  return v.t === 'unknown' || v.t === 'bound' ? undefined : false;
}

/** The value of `a op b` when both are known; undefined when the operator needs the evaluator. */
export function constantBinary(op: string, a: Value, b: Value): Value | undefined {
  if (a.t === 'num' && b.t === 'num') {
    const x = a.v;
    const y = b.v;
    switch (op) {
      case '+': return { t: 'num', v: x + y };
      case '-': return { t: 'num', v: x - y };
      case '*': return { t: 'num', v: x * y };
      case '/': return y === 0 ? UNKNOWN : { t: 'num', v: x / y };
      case '//': return y === 0 ? UNKNOWN : { t: 'num', v: Math.floor(x / y) };
      case '%': return y === 0 ? UNKNOWN : { t: 'num', v: ((x % y) + y) % y };
      case '**': return { t: 'num', v: x ** y };
      case '<': return { t: 'bool', v: x < y };
      case '<=': return { t: 'bool', v: x <= y };
      case '>': return { t: 'bool', v: x > y };
      case '>=': return { t: 'bool', v: x >= y };
      case '==': return { t: 'bool', v: x === y };
      case '!=': return { t: 'bool', v: x !== y };
      default: return UNKNOWN;
    }
  }
  if (a.t === 'str' && b.t === 'str') {
    if (op === '==' || op === '!=') return { t: 'bool', v: (a.v === b.v) === (op === '==') };
    if (op === '+') return { t: 'str', v: a.v + b.v };
  }
  if (op === 'is' || op === 'is not' || op === '==' || op === '!=') {
    const x = isNone(a);
    const y = isNone(b);
    if (x === undefined || y === undefined || (!x && !y)) return undefined;
    const same = x === y;
    return { t: 'bool', v: op === 'is' || op === '==' ? same : !same };
  }
  if ((op === 'in' || op === 'not in') && b.t === 'list' && (a.t === 'str' || a.t === 'num')) {
    const values = b.list.items.map((i) => i.value);
    if (values.some((v) => v.t !== a.t)) return undefined;
    const found = values.some((v) => (v as { v: unknown }).v === a.v);
    return { t: 'bool', v: op === 'in' ? found : !found };
  }
  return undefined;
}
