// A notebook's Python cells as one program, in cell order, with the map from program positions
// back to (cell, line, column) and forth. Names resolve across cells as they do in the kernel;
// a cell left half-written cannot swallow the cells after it (see ipython.ts).

import type { Position, Range } from '../model/layerStack';
import { pythonCell, type Removal } from './ipython';

/** A position in a cell; `cell` indexes the array the program was built from. */
export interface CellPosition { cell: number; position: Position }

interface LineOrigin { cell: number; line: number; removals?: Removal[] }

export class NotebookProgram {
  readonly text: string;
  private readonly origins: LineOrigin[] = [];
  /** Program line of each cell's first line (analysed cells only). */
  private readonly firstLine = new Map<number, number>();
  private readonly cellLines: string[][];

  /** `cells`: the text of each cell, or undefined for a cell that is not Python. */
  constructor(cells: readonly (string | undefined)[]) {
    const parts: string[] = [];
    this.cellLines = cells.map((text) => (text === undefined ? [] : text.split(/\r\n|\r|\n/)));
    cells.forEach((text, cell) => {
      const python = text === undefined ? undefined : pythonCell(text);
      if (!python) return;
      this.firstLine.set(cell, this.origins.length);
      python.lines.forEach((_, line) => this.origins.push({ cell, line, removals: python.removals.get(line) }));
      parts.push(python.lines.join('\n') + '\n');
    });
    this.text = parts.join('');
  }

  /** Where a program position is in its cell. */
  toCell(p: Position): CellPosition {
    const origin = this.origins[p.line];
    if (!origin) {
      // Past the last line: the end of the last cell.
      const cell = this.origins[this.origins.length - 1]?.cell ?? 0;
      return { cell, position: this.cellEnd(cell) };
    }
    let character = p.character;
    for (const r of [...(origin.removals ?? [])].reverse()) if (character >= r.at) character += r.width;
    return { cell: origin.cell, position: { line: origin.line, character } };
  }

  /** Where a cell position is in the program; undefined for a cell the program leaves out. */
  toProgram(cell: number, p: Position): Position | undefined {
    const first = this.firstLine.get(cell);
    if (first === undefined) return undefined;
    const line = first + Math.min(p.line, this.cellLines[cell].length - 1);
    let character = p.character;
    for (const r of this.origins[line].removals ?? []) {
      if (character >= r.at + r.width) character -= r.width;
      else if (character >= r.at) character = r.at;
    }
    return { line, character };
  }

  /** A program range in its start's cell; a range running into a later cell ends with its first. */
  toCellRange(r: Range): { cell: number; range: Range } {
    const start = this.toCell(r.start);
    return { cell: start.cell, range: { start: start.position, end: this.endIn(start.cell, r.end) ?? this.cellEnd(start.cell) } };
  }

  /** A program range inside one cell, or undefined when it crosses cells (a fix must not). */
  toCellRangeExact(r: Range): { cell: number; range: Range } | undefined {
    const start = this.toCell(r.start);
    const end = this.endIn(start.cell, r.end);
    return end && { cell: start.cell, range: { start: start.position, end } };
  }

  /** A range's end in `cell`: the start of the line after a cell's last is that cell's end. */
  private endIn(cell: number, end: Position): Position | undefined {
    const mapped = this.toCell(end);
    if (mapped.cell === cell) return mapped.position;
    const lineBefore = this.origins[end.line - 1];
    return end.character === 0 && lineBefore?.cell === cell ? this.cellEnd(cell) : undefined;
  }

  private cellEnd(cell: number): Position {
    const lines = this.cellLines[cell] ?? [''];
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  }
}
