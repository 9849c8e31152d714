// Where the module is cut into pieces parsed one by one: before every top-level statement. Whole
// top-level statements are independent, so each parses alone as it would in the whole module, and
// an edit re-parses only the statement it touches (units.ts keeps the others). Parsing in pieces
// also sidesteps a misparse of @lezer/python 1.1 on long modules: with ~300 `for` loops each
// followed by an `import` at top level, the next class loses its name and its body (a notebook
// export or a generated script looks like that).

import { stringEnd } from './guard';

const NEWLINE = 10;
const HASH = 35;
const BACKSLASH = 92;
const AT = 64;

/** Clauses that continue the compound statement above them. */
const CONTINUATION = /^(else|elif|except|finally)\b/;

/** Start offsets of the top-level statements (a decorated definition starts at its first decorator), the first being 0. */
export function topLevelChunks(text: string): number[] {
  const starts = [0];
  let depth = 0;
  let afterDecorator = text.charCodeAt(0) === AT;
  let continued = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === 34 || c === 39) { // " '
      i = stringEnd(text, i) - 1;
    } else if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--; // ) ] }
    else if (c === NEWLINE) {
      const next = i + 1;
      const joined = continued || depth > 0;
      continued = false;
      if (joined || next >= text.length) continue;
      const first = text.charCodeAt(next);
      // Indented lines, blank lines and comments continue the statement above.
      if (first === 32 || first === HASH || /\s/.test(text[next])) continue;
      if (first === AT) {
        // A decorated definition starts at its first decorator and runs through its body.
        if (!afterDecorator) starts.push(next);
        afterDecorator = true;
      } else if (afterDecorator) afterDecorator = false;
      else if (!CONTINUATION.test(text.slice(next, next + 8))) starts.push(next);
    } else if (c === BACKSLASH && text.charCodeAt(i + 1) === NEWLINE) continued = true;
  }
  return starts;
}
