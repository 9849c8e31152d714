// IPython syntax → plain Python with the same lines, as IPython's input transformers read a cell
// (IPython/core/inputtransformer2.py): the first line's indentation is removed from every line;
// a cell magic (`%%time`) on the first line makes the body Python or, for other magics (`%%bash`,
// `%%writefile`), not Python at all; at the start of a logical line, line magics (`%matplotlib
// inline`), shell escapes (`!pip install`), help (`model?`, `??nn.Linear`) and the other escapes
// become `pass`, `x = !ls` becomes `x = ...`, and `%time stmt` keeps its statement. Lines inside
// brackets, strings and backslash continuations are never escapes. A last statement that never
// ends (open bracket or string, final backslash) is blanked. Every line keeps its number; removed
// text is recorded so columns map back.

/** Text removed from a line: `width` characters at column `at` of the rewritten line. */
export interface Removal { at: number; width: number }

export interface PythonCell {
  /** The cell's lines, rewritten; as many as the cell has. */
  lines: string[];
  /** Removals by line index, in the order they were made (each at a column of the line as it then was). */
  removals: Map<number, Removal[]>;
}

/** Cell magics whose body is Python run in the kernel's namespace. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** Line magics whose argument is a statement, kept when no option follows. */
const STATEMENT_MAGIC = /^%(?:time|timeit)[ \t]+(?!-)/;
const ESCAPE = /^[%!?/,;]/;
const HELP = /^[\w.*]+\?\??\s*$/;
const ASSIGNED_ESCAPE = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*(?=[!%])/;

interface ScanState {
  depth: number;
  /** The quote of a string that continues on the next line. */
  string?: string;
  continued: boolean;
}

/** Bracket depth, open string and backslash continuation after `line`, starting from `state`. */
function scanLine(line: string, state: ScanState): ScanState {
  let { depth, string: quote } = state;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
    } else if (c === '#') {
      return { depth, continued: false };
    } else if (c === '"' || c === "'") {
      quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
  }
  const backslash = line.endsWith('\\');
  // A one-quote string ends with its line unless a final backslash continues it.
  if (quote?.length === 1 && !backslash) quote = undefined;
  return { depth, string: quote, continued: backslash && !quote };
}

function isClosed(state: ScanState): boolean {
  return state.depth === 0 && !state.string && !state.continued;
}

/** The rewrite of a logical line that is IPython syntax, or undefined for Python. */
function rewriteEscape(line: string): { text: string; removal?: Removal } | undefined {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const rest = line.slice(indent.length);
  const statement = STATEMENT_MAGIC.exec(rest);
  if (statement) return { text: indent + rest.slice(statement[0].length), removal: { at: indent.length, width: statement[0].length } };
  if (ESCAPE.test(rest) || HELP.test(rest)) return { text: `${indent}pass` };
  const assigned = ASSIGNED_ESCAPE.exec(rest);
  if (assigned) return { text: `${indent}${assigned[0]}...` };
  return undefined;
}

function addRemoval(removals: Map<number, Removal[]>, line: number, removal: Removal): void {
  const list = removals.get(line) ?? [];
  list.push(removal);
  removals.set(line, list);
}

/** The cell as Python, or undefined when a cell magic runs it as something else (`%%bash`). */
export function pythonCell(text: string): PythonCell | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const removals = new Map<number, Removal[]>();
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { lines, removals };

  const indent = /^[ \t]+/.exec(lines[first])?.[0];
  if (indent) {
    for (let n = first; n < lines.length; n++) {
      if (!lines[n].startsWith(indent)) continue;
      lines[n] = lines[n].slice(indent.length);
      addRemoval(removals, n, { at: 0, width: indent.length });
    }
  }

  let start = first;
  const magic = /^%%(\w*)/.exec(lines[first]);
  if (magic) {
    if (!PYTHON_CELL_MAGICS.has(magic[1])) return undefined;
    lines[first] = '';
    start = first + 1;
  }

  let state: ScanState = { depth: 0, continued: false };
  let statementLine = start;
  for (let n = start; n < lines.length; n++) {
    const logicalStart = isClosed(state);
    if (logicalStart) statementLine = n;
    const rewrite = logicalStart ? rewriteEscape(lines[n]) : undefined;
    if (!rewrite) {
      state = scanLine(lines[n], state);
      continue;
    }
    const original = lines[n];
    lines[n] = rewrite.text;
    if (rewrite.removal) {
      addRemoval(removals, n, rewrite.removal);
      state = scanLine(lines[n], state);
      continue;
    }
    // An escape's backslash continuations belong to it.
    for (let previous = original; previous.endsWith('\\') && n + 1 < lines.length; ) {
      previous = lines[++n];
      lines[n] = '';
    }
  }
  if (!isClosed(state)) {
    // The last statement never ends (an open bracket or string): it goes, so that concatenated
    // with the next cell it cannot run on into it, as it cannot when IPython runs the cells.
    for (let n = statementLine; n < lines.length; n++) {
      lines[n] = '';
      removals.delete(n);
    }
  }
  return { lines, removals };
}
