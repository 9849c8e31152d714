/**
 * TensorFlow.js sources (.ts, .tsx, .js, .mjs, .cjs, .jsx) → DocumentModel.
 *
 * Parser choice: @lezer/javascript (its `ts` and `jsx` dialects) rather than the TypeScript
 * compiler API. The analysis needs syntax only (no types, no other files), lezer is about 80 KB
 * bundled against the compiler's 9 MB, parses a few MB per second, and tolerates half-typed code
 * the way the editor needs; the Python parser already uses lezer, so both share one model of
 * ranges (UTF-16 offsets).
 *
 * Pipeline. A file that never mentions `@tensorflow/tfjs` or `tf.` is not parsed at all.
 * imports.ts finds the names that refer to TF.js; uses.ts records activation strings, activation
 * layers, ops and tensor methods, and losses; evaluate.ts runs the module over abstract values to
 * build models (`tf.sequential`, `model.add`, `layer.apply` chains into `tf.model`) and tie losses
 * (`model.compile({loss})`, `tf.losses.*(labels, predictions)`). Stacks with a weighted layer are
 * kept, minus those another kept stack contains. Every use is recorded whether or not a stack
 * holds it, so hovers work on any activation spelling.
 *
 * Not done: models loaded from files (`tf.loadLayersModel`), layers built in other files, layer
 * lists built with `map` or spread.
 *
 * Never throws: a defect or a stack overflow on pathological nesting reads as one problem.
 */

import { parser } from '@lezer/javascript';
import type { DocumentModel } from '../../model/layerStack';
import { MAX_CHARS } from '../python/guard';
import { LineIndex } from '../python/positions';
import { collectUses } from './collect';
import { Evaluator } from './evaluate';
import { tfjsBindings } from './imports';
import { LayerFactory } from './layers';
import { finalizeStacks } from './stacks';
import { Source } from './syntax';
import { Uses } from './uses';

export type Dialect = 'ts' | 'jsx' | 'ts jsx';

const MENTIONS_TFJS = /@tensorflow\/tfjs|\btf\s*\.\s*[a-zA-Z]/;
const PARSERS = new Map<Dialect, typeof parser>();

function empty(skipped?: string): DocumentModel {
  return { stacks: [], activations: [], losses: [], syntax: 'javascript', ...(skipped ? { skipped } : {}) };
}

/** Real code nests brackets a few dozen levels deep; lezer's tree building slows down and recurses past that. */
export const MAX_NESTING = 256;

/** Offset where bracket nesting first exceeds MAX_NESTING (strings and comments skipped), or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c && (c === '`' || text[i] !== '\n'); i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

/**
 * Minified or bundled output (a `dist/` bundle that inlines TF.js): lines far longer than anyone
 * writes. Findings there would point into generated code, so such files are passed over quietly,
 * as unrelated files are, rather than parsed at the cost of seconds in a workspace scan.
 */
function looksGenerated(text: string): boolean {
  const lines = text.length / (text.split('\n').length || 1);
  return lines > 300 || /[^\n]{10000}/.test(text.slice(0, 64 * 1024));
}

export function parseTfjs(text: string, dialect: Dialect): DocumentModel {
  if (text.length > MAX_CHARS) return empty(`file is larger than ${MAX_CHARS.toLocaleString('en')} characters`);
  if (text.includes('\0')) return empty('file looks binary');
  if (!MENTIONS_TFJS.test(text)) return empty();
  const deep = tooDeepAt(text);
  if (deep >= 0) return empty(`brackets nested deeper than ${MAX_NESTING} levels (line ${new LineIndex(text.slice(0, deep)).lineCount})`);
  if (looksGenerated(text)) return empty();
  try {
    return analyse(text, dialect);
  } catch (e) {
    if (e instanceof RangeError) return empty('nesting too deep to analyse');
    return empty(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function analyse(text: string, dialect: Dialect): DocumentModel {
  let configured = PARSERS.get(dialect);
  if (!configured) PARSERS.set(dialect, (configured = parser.configure({ dialect })));
  const tree = configured.parse(text);
  const src = new Source(text);
  const lines = new LineIndex(text);
  const bindings = tfjsBindings(src, tree);
  if (bindings.size === 0) return empty();
  const uses = new Uses(src, lines);
  collectUses(src, tree.topNode, bindings, uses);
  const evaluator = new Evaluator(src, lines, bindings, uses, new LayerFactory(src, lines, uses));
  evaluator.run(tree.topNode);
  const byPosition = <T extends { range: { start: { line: number; character: number } } }>(a: T, b: T) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  return {
    stacks: finalizeStacks(evaluator.models, evaluator.lossTies),
    activations: [...uses.activations.values()].sort(byPosition),
    losses: [...uses.losses.values()].sort(byPosition),
    syntax: 'javascript',
  };
}
