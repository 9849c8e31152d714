// Offsets ↔ LSP positions (0-based line, UTF-16 character) over one document's text, for fixes:
// the parsers' line index, plus clamping, line ends and slices.

import type { Position, Range } from '../model/layerStack';
import { LineIndex } from '../parse/python/positions';

export class SourceText extends LineIndex {
  constructor(readonly text: string) {
    super(text);
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    return Math.min(start + p.character, this.lineEnd(p.line));
  }

  positionAt(offset: number): Position {
    return this.position(Math.max(0, Math.min(offset, this.text.length)));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  slice(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > this.starts[line] && this.text[end - 1] === '\n') end--;
    if (end > this.starts[line] && this.text[end - 1] === '\r') end--;
    return end;
  }
}
