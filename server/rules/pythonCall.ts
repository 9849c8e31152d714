// A small scanner over Python source for the spots fixes edit: a call's parentheses and argument
// spans. It respects strings (including triple-quoted and prefixed ones), comments and nesting,
// which is all a fix needs; the parser has already decided what the call means.

const OPEN = '([{';
const CLOSE = ')]}';

/** Offset just past the string literal whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  const q = text[i];
  const triple = text[i + 1] === q && text[i + 2] === q;
  let j = triple ? i + 3 : i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (triple) {
      if (c === q && text[j + 1] === q && text[j + 2] === q) return j + 3;
    } else if (c === q) {
      return j + 1;
    } else if (c === '\n') {
      return j; // unterminated: stop at the line end as Python's tokenizer would complain there
    }
    j++;
  }
  return text.length;
}

function skipComment(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** Offset of the bracket closing the one at `open`, or -1 when unbalanced. */
export function matchBracket(text: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
    } else if (c === '#') {
      i = skipComment(text, i) - 1;
    } else if (OPEN.includes(c)) {
      stack.push(CLOSE[OPEN.indexOf(c)]);
    } else if (CLOSE.includes(c)) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

export interface Arg {
  /** First significant character of the argument. */
  start: number;
  /** Just past its last significant character (comments and whitespace excluded). */
  end: number;
  keyword?: string;
  /** Where the value starts (after `name=` for keyword arguments). */
  valueStart: number;
}

export interface Call {
  /** Start of the callee's dotted name. */
  start: number;
  calleeEnd: number;
  open: number;
  close: number;
  args: Arg[];
}

const NAME_CHAR = /[\w.]/;

/** The call whose dotted callee starts at `start` (`nn.Softmax(...)`, `torch.sigmoid(...)`), if any. */
export function callAt(text: string, start: number): Call | undefined {
  let i = start;
  while (i < text.length && NAME_CHAR.test(text[i])) i++;
  const calleeEnd = i;
  if (calleeEnd === start) return undefined;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== '(') return undefined;
  const close = matchBracket(text, i);
  if (close < 0) return undefined;
  return { start, calleeEnd, open: i, close, args: splitArgs(text, i, close) };
}

/** Top-level argument spans between the brackets at `open` and `close`. */
export function splitArgs(text: string, open: number, close: number): Arg[] {
  const args: Arg[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start >= 0) {
      const m = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text.slice(start, end));
      args.push({ start, end, keyword: m?.[1], valueStart: m ? start + m[0].length : start });
    }
    start = -1;
  };
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') continue;
    if (c === '#') {
      i = skipComment(text, i) - 1;
      continue;
    }
    if (c === ',') {
      flush();
      continue;
    }
    if (start < 0) start = i;
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
    } else if (OPEN.includes(c)) {
      const m = matchBracket(text, i);
      i = m < 0 ? close - 1 : m;
    }
    end = i + 1;
  }
  flush();
  return args;
}

/**
 * True when `expr` can stand where a call stood without parentheses: a name, attribute chain,
 * call, subscript or literal with no top-level operator (`self.fc(x)`, `h[:, -1]`).
 */
export function isPrimary(expr: string): boolean {
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      i = skipString(expr, i) - 1;
    } else if (OPEN.includes(c)) {
      const m = matchBracket(expr, i);
      if (m < 0) return false;
      i = m;
    } else if (!/[\w.]/.test(c)) {
      return false;
    }
  }
  return expr.length > 0;
}

export interface BracketPair {
  open: number;
  /** Offset of the closing bracket; the text length for a bracket left open (code being typed). */
  close: number;
  /** Index of the innermost pair around this one, or -1. */
  parent: number;
}

/** Every bracket pair of `text` in opening order, with its nesting (strings and comments skipped). */
export function bracketPairs(text: string): BracketPair[] {
  const pairs: BracketPair[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
    } else if (c === '#') {
      i = skipComment(text, i) - 1;
    } else if (OPEN.includes(c)) {
      pairs.push({ open: i, close: text.length, parent: stack.length ? stack[stack.length - 1] : -1 });
      stack.push(pairs.length - 1);
    } else if (CLOSE.includes(c)) {
      // An unbalanced closer drops the brackets it does not match.
      while (stack.length && CLOSE[OPEN.indexOf(text[pairs[stack[stack.length - 1]].open])] !== c) stack.pop();
      const top = stack.pop();
      if (top !== undefined) pairs[top].close = i;
    }
  }
  return pairs;
}
