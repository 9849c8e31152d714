// Where the module may be cut into pieces parsed one by one. On long modules @lezer/python 1.1
// misparses after enough top-level statements of some shapes: with ~300 `for` loops each followed
// by an `import` at top level, the next class loses its name and its body (a notebook export or
// a generated script looks like that). Whole top-level statements are independent, so pieces of
// a bounded size parse as the whole should.

import { stringEnd } from './guard';

/** A piece ends at the first statement boundary after this many characters or statements. */
const CHUNK_CHARS = 32_000;
const CHUNK_STATEMENTS = 400;

/** Clauses that continue the compound statement above them. */
const CONTINUATION = /^(else|elif|except|finally)\b/;

/** Start offsets of the pieces, the first being 0. */
export function topLevelChunks(text: string): number[] {
  const starts = [0];
  let depth = 0;
  let statements = 0;
  let afterDecorator = false;
  let continued = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === '"' || c === "'") {
      i = stringEnd(text, i) - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '\n') {
      const next = i + 1;
      const first = text[next];
      const joined = continued || depth > 0;
      continued = false;
      if (joined || first === undefined || /\s|#/.test(first)) continue;
      if (CONTINUATION.test(text.slice(next, next + 8)) || afterDecorator) {
        afterDecorator = first === '@';
        continue;
      }
      afterDecorator = first === '@';
      statements++;
      const start = starts[starts.length - 1];
      if (!afterDecorator && (next - start >= CHUNK_CHARS || statements >= CHUNK_STATEMENTS)) {
        starts.push(next);
        statements = 0;
      }
    } else if (c === '\\' && text[i + 1] === '\n') continued = true;
  }
  return starts;
}
