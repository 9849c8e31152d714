// Decides what of a document the parser may look at: binary and oversized documents are skipped
// with a reason, and text is cut before brackets nest deeper than real code ever does, because
// the lezer tree builder recurses per nesting level and overflows the stack on pathological input.

/**
 * Larger documents are skipped (about 0.5 s of parsing per MB). The analysis driver's 5 MiB byte
 * limit is the same or stricter (a character is at least a byte); this one guards direct callers.
 */
export const MAX_CHARS = 5 * 1024 * 1024;
/** Real model code nests brackets a handful of levels deep; generated data may not. */
export const MAX_BRACKET_DEPTH = 100;

export interface PreparedSource {
  /** The text to parse: the document, or a prefix of it. Offsets into it are offsets into the document. */
  text: string;
  skipped?: string;
}

export function prepareSource(text: string): PreparedSource {
  if (text.length > MAX_CHARS) return { text: '', skipped: `file is larger than ${MAX_CHARS.toLocaleString('en')} characters` };
  if (looksBinary(text)) return { text: '', skipped: 'file looks binary' };
  const cut = offsetTooDeep(text);
  return { text: cut < 0 ? text : text.slice(0, cut) };
}

/** A NUL byte, or many control characters early on, mean this is not source code. */
function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  const head = Math.min(text.length, 4096);
  let control = 0;
  for (let i = 0; i < head; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  return head > 0 && control / head > 0.1;
}

/** Offset of the start of the line where bracket nesting first exceeds the limit, or -1. */
function offsetTooDeep(text: string): number {
  let depth = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) lineStart = i + 1;
    else if (c === 35) { // #
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === 34 || c === 39) { // " '
      i = stringEnd(text, i) - 1;
    } else if (c === 40 || c === 91 || c === 123) { // ( [ {
      if (++depth > MAX_BRACKET_DEPTH) return lineStart;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--; // ) ] }
  }
  return -1;
}

const NEWLINE = 10;
const BACKSLASH = 92;

/** Offset just past the string literal opening at `i`; an unterminated one-line string ends at the newline. */
export function stringEnd(text: string, i: number): number {
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  for (let j = triple ? i + 3 : i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === q && (!triple || (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q))) return triple ? j + 3 : j + 1;
    else if (!triple && c === NEWLINE) return j;
  }
  return text.length;
}
