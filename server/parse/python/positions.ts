// Offsets → LSP positions. Lezer reports UTF-16 offsets into the string (JavaScript's own
// indexing), so a column is the offset minus its line's start. The one line-start index of the
// server: every parser uses it, and the rules' SourceText extends it.

import type { Position, Range } from '../../model/layerStack';

export class LineIndex {
  /** Offset where each line starts; line 0 starts at 0. */
  protected readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n counts once; a lone \r ends a line as it does for editors and LSP.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  range(from: number, to: number): Range {
    return { start: this.position(from), end: this.position(to) };
  }
}
