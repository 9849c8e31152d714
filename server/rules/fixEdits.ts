// Text edits that fixes are built from. Each keeps the file valid Python and the user's layout:
// a removed list element takes its comma (and its line, when it stood alone on it), an unwrapped
// call keeps its argument's text, an inserted element copies its neighbour's indentation.

import type { TextEdit } from './types';
import type { SourceText } from './sourceText';
import { bracketPairs, callAt, isPrimary, matchBracket, splitArgs, type BracketPair, type Call } from './pythonCall';

const LAYER_LIST_CALLEE = /(^|\.)(Sequential|ModuleList)$/;

function skipBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Offset past the line break that ends the line containing `i`, or the text end. */
function pastLineBreak(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

function onlyBlanksBefore(src: SourceText, offset: number): boolean {
  const line = src.positionAt(offset).line;
  return src.text.slice(src.lineStart(line), offset).trim() === '';
}

/** Whether the rest of the line after `i` is blank or a comment. */
function restOfLineIsBlank(text: string, i: number): boolean {
  const j = skipBlanks(text, i);
  return j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#';
}

/**
 * Delete the element [start, end) of a bracketed, comma-separated list (call arguments, list
 * items) together with one separating comma. Undefined when the surroundings are not a list.
 */
export function removeElement(src: SourceText, start: number, end: number): TextEdit | undefined {
  const text = src.text;
  let after = skipBlanks(text, end);
  if (text[after] === ',') {
    after++;
    if (onlyBlanksBefore(src, start) && restOfLineIsBlank(text, after)) {
      const lineStart = src.lineStart(src.positionAt(start).line);
      return { range: src.range(lineStart, pastLineBreak(text, after)), newText: '' };
    }
    return { range: src.range(start, skipBlanks(text, after)), newText: '' };
  }
  const closesList = after < text.length && ')]}'.includes(text[after]);
  if (!closesList && !restOfLineIsBlank(text, after)) return undefined;
  if (!closesList && onlyBlanksBefore(src, start)) {
    // The last element alone on its line: the previous element keeps its trailing comma.
    const lineStart = src.lineStart(src.positionAt(start).line);
    return { range: src.range(lineStart, pastLineBreak(text, end)), newText: '' };
  }
  let before = start - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  if (text[before] === ',') return { range: src.range(before, end), newText: '' };
  if ('([{'.includes(text[before])) return { range: src.range(start, end), newText: '' };
  return undefined;
}

/** The call at `start`, extended over a second application: `layers.Activation("softmax")(x)`. */
export function appliedCallAt(text: string, start: number): Call | undefined {
  const call = callAt(text, start);
  if (!call) return undefined;
  const next = skipBlanks(text, call.close + 1);
  if (text[next] !== '(') return call;
  const close = matchBracket(text, next);
  if (close < 0) return undefined;
  return { start: call.start, calleeEnd: call.close + 1, open: next, close, args: splitArgs(text, next, close) };
}

/** `f(expr, ...)` → `expr`, parenthesized when it is not a primary expression. */
export function unwrapCall(src: SourceText, call: Call): TextEdit | undefined {
  const first = call.args[0];
  if (!first || first.keyword || src.text[first.start] === '*') return undefined;
  const inner = src.text.slice(first.start, first.end);
  return { range: src.range(call.start, call.close + 1), newText: isPrimary(inner) ? inner : `(${inner})` };
}

/** Delete `.name()` where the dot is at `dot` (`logits.sigmoid()` → `logits`). */
export function removeMethodCall(src: SourceText, dot: number): TextEdit | undefined {
  const call = callAt(src.text, dot + 1);
  if (src.text[dot] !== '.' || !call || call.args.length > 0) return undefined;
  return { range: src.range(dot, call.close + 1), newText: '' };
}

/** Add `argument` (e.g. `dim=-1`) as the last argument of `call`. */
export function appendArgument(src: SourceText, call: Call, argument: string): TextEdit {
  const last = call.args[call.args.length - 1];
  if (!last) return { range: src.range(call.open + 1, call.open + 1), newText: argument };
  return { range: src.range(last.end, last.end), newText: `, ${argument}` };
}

const PAIRS = new WeakMap<SourceText, BracketPair[]>();

/** The innermost bracket around `offset`, with the dotted name before it when it is a call. */
export function enclosingBracket(src: SourceText, offset: number): { open: number; char: string; callee: string } | undefined {
  let pairs = PAIRS.get(src);
  if (!pairs) {
    pairs = bracketPairs(src.text);
    PAIRS.set(src, pairs);
  }
  let lo = 0;
  let hi = pairs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid].open < offset) lo = mid + 1;
    else hi = mid;
  }
  // Brackets nest, so the innermost pair around `offset` encloses (or is) the last one opened before it.
  for (let i = lo - 1; i >= 0; i = pairs[i].parent) {
    const { open, close } = pairs[i];
    if (close < offset) continue;
    const callee = /([A-Za-z_][\w.]*)\s*$/.exec(src.text.slice(Math.max(0, open - 200), open))?.[1] ?? '';
    return { open, char: src.text[open], callee };
  }
  return undefined;
}

/** Whether the element starting at `start` is an item of `nn.Sequential(...)`, `Sequential([...])` or a layer list. */
export function isLayerListItem(src: SourceText, start: number): boolean {
  const bracket = enclosingBracket(src, start);
  if (!bracket) return false;
  if (bracket.char === '(') return LAYER_LIST_CALLEE.test(bracket.callee);
  return bracket.char === '[' && bracket.callee === '';
}

/** Insert `element` as a new list item after the item [start, end), on its own line if the item has one. */
export function insertElementAfter(src: SourceText, start: number, end: number, element: string): TextEdit | undefined {
  const text = src.text;
  const comma = skipBlanks(text, end);
  if (text[comma] !== ',') return undefined;
  if (onlyBlanksBefore(src, start) && restOfLineIsBlank(text, comma + 1)) {
    const line = src.positionAt(start).line;
    const indent = text.slice(src.lineStart(line), start);
    const eol = src.lineEnd(line);
    return { range: src.range(eol, eol), newText: `\n${indent}${element},` };
  }
  return { range: src.range(comma + 1, comma + 1), newText: ` ${element},` };
}
