// Places in a cell's source → places in the notebook file itself, for reports that point at the
// file (SARIF). A cell's source is stored as JSON strings, usually one per line; a position maps
// into the string holding it, past any escapes before it. An edit maps to a replacement of the
// file text that keeps the JSON valid: its text is escaped, and a range spanning several strings
// of the source list merges them into one, which leaves the source the same.

import type { Position, Range } from '../model/layerStack';
import type { TextEdit } from '../rules/types';
import type { StringToken } from './jsonCursor';
import type { FileCell } from './nbformat';

/** Offset in the file of character `index` of the string `token` holds. */
function rawOffset(text: string, token: StringToken, index: number): number {
  let raw = token.from + 1;
  if (!text.slice(token.from, token.to).includes('\\')) return raw + index;
  for (let k = 0; k < index; k++) raw += text[raw] !== '\\' ? 1 : text[raw + 1] === 'u' ? 6 : 2;
  return raw;
}

export class NotebookFilePositions {
  private newlines?: number[];

  constructor(private readonly text: string) {}

  position(cell: FileCell, p: Position): Position {
    return this.filePosition(this.fileOffset(cell, p));
  }

  range(cell: FileCell, r: Range): Range {
    return { start: this.position(cell, r.start), end: this.position(cell, r.end) };
  }

  edit(cell: FileCell, e: TextEdit): TextEdit {
    return { range: this.range(cell, e.range), newText: JSON.stringify(e.newText).slice(1, -1) };
  }

  private fileOffset(cell: FileCell, p: Position): number {
    const lines = cell.source.split(/(?<=\r\n|\r(?!\n)|\n)/);
    let offset = 0;
    for (let n = 0; n < Math.min(p.line, lines.length); n++) offset += lines[n].length;
    const line = lines[p.line] ?? '';
    offset += Math.min(p.character, line.replace(/\r?\n$|\r$/, '').length);
    let start = 0;
    for (const [k, token] of cell.tokens.entries()) {
      const end = start + token.value.length;
      // At a boundary between two strings, the place is at the start of the next.
      if (offset < end || k === cell.tokens.length - 1) return rawOffset(this.text, token, Math.min(offset - start, token.value.length));
      start = end;
    }
    return 0; // an empty source has no positions; nothing is ever reported in one
  }

  private filePosition(offset: number): Position {
    if (!this.newlines) {
      this.newlines = [];
      for (let nl = this.text.indexOf('\n'); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) this.newlines.push(nl);
    }
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo, character: offset - (lo === 0 ? 0 : this.newlines[lo - 1] + 1) };
  }
}
