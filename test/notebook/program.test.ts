// Cells → one program and back: every program position maps to the cell, line and column it came
// from, through removed indentation and magics, and cell positions map forth.
import * as assert from 'node:assert/strict';
import { NotebookProgram } from '../../server/notebook/program';

const at = (line: number, character: number) => ({ line, character });

describe('notebook: cells as one program', () => {
  const cells = [
    'import torch\n%matplotlib inline',
    undefined, // markdown
    '    %time model = build()\n    model.eval()',
    'loss = f(model)',
  ];
  const program = new NotebookProgram(cells);

  it('concatenates the Python cells in order, one line per cell line', () => {
    assert.equal(program.text, 'import torch\npass\nmodel = build()\nmodel.eval()\nloss = f(model)\n');
  });

  it('maps program positions to cell positions, restoring removed columns', () => {
    assert.deepEqual(program.toCell(at(0, 7)), { cell: 0, position: at(0, 7) });
    // `model` after 4 columns of cell indentation and `%time `.
    assert.deepEqual(program.toCell(at(2, 0)), { cell: 2, position: at(0, 10) });
    assert.deepEqual(program.toCell(at(2, 8)), { cell: 2, position: at(0, 18) });
    assert.deepEqual(program.toCell(at(3, 6)), { cell: 2, position: at(1, 10) });
    assert.deepEqual(program.toCell(at(4, 7)), { cell: 3, position: at(0, 7) });
  });

  it('maps cell positions to the program and back', () => {
    for (const [cell, p] of [[0, at(1, 3)], [2, at(0, 12)], [2, at(1, 4)], [3, at(0, 0)]] as const) {
      const there = program.toProgram(cell, p);
      assert.ok(there);
      assert.deepEqual(program.toCell(there), { cell, position: p });
    }
    assert.deepEqual(program.toProgram(2, at(0, 2)), at(2, 0), 'inside removed text: where it was');
    assert.equal(program.toProgram(1, at(0, 0)), undefined, 'a markdown cell is not in the program');
  });

  it('keeps a range in its first cell, and refuses to cut an edit across cells', () => {
    // Deleting the last line of a cell ends at the start of the next cell's first line; column 0
    // of a dedented line is after the indentation IPython removed.
    assert.deepEqual(program.toCellRangeExact({ start: at(3, 0), end: at(4, 0) }), { cell: 2, range: { start: at(1, 4), end: at(1, 16) } });
    assert.deepEqual(program.toCellRange({ start: at(3, 4), end: at(4, 4) }), { cell: 2, range: { start: at(1, 8), end: at(1, 16) } });
    assert.equal(program.toCellRangeExact({ start: at(3, 4), end: at(4, 4) }), undefined);
    assert.deepEqual(program.toCell(at(5, 0)), { cell: 3, position: at(0, 15) }, 'past the end: the end of the last cell');
  });
});
