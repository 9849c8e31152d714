// Reading nbformat 4 files: cells, sources and where they are in the file; clear errors for files
// that are not notebooks; positions and edits mapped into the JSON text.
import * as assert from 'node:assert/strict';
import { NotebookFilePositions } from '../../server/notebook/filePositions';
import { NotebookError, readNotebook } from '../../server/notebook/nbformat';
import { applyEdits } from '../lsp/client';

function notebookText(cells: unknown[], metadata: unknown = { kernelspec: { language: 'python', name: 'python3' } }, nbformat: unknown = 4): string {
  return JSON.stringify({ cells, metadata, nbformat, nbformat_minor: 5 }, null, 1);
}

function readError(text: string): string {
  try {
    readNotebook(text);
  } catch (err) {
    assert.ok(err instanceof NotebookError, String(err));
    return err.message;
  }
  assert.fail('no error');
}

describe('notebook: nbformat files', () => {
  it('reads every cell in order with its kind, source and language, and skips outputs', () => {
    const text = notebookText([
      { cell_type: 'markdown', metadata: {}, source: '# Title' },
      { cell_type: 'code', metadata: { vscode: { languageId: 'SQL' } }, outputs: [], source: ['SELECT 1'] },
      { cell_type: 'code', execution_count: 3, metadata: { tags: ['x'] }, outputs: [{ output_type: 'stream', name: 'stdout', text: ['a "b"\n'] }], source: ['import torch\n', 'x = torch.sigmoid(y)'] },
      { cell_type: 'raw', metadata: {}, source: [] },
    ]);
    const nb = readNotebook(text);
    assert.equal(nb.language, 'python');
    assert.deepEqual(nb.cells.map((c) => [c.index, c.kind, c.source, c.language]), [
      [0, 'markdown', '# Title', undefined],
      [1, 'code', 'SELECT 1', 'SQL'],
      [2, 'code', 'import torch\nx = torch.sigmoid(y)', undefined],
      [3, 'raw', '', undefined],
    ]);
    for (const token of nb.cells[2].tokens) assert.equal(JSON.parse(text.slice(token.from, token.to)), token.value);
  });

  it('takes the language from kernelspec, else language_info', () => {
    assert.equal(readNotebook(notebookText([], { kernelspec: { language: 'R' } })).language, 'R');
    assert.equal(readNotebook(notebookText([], { language_info: { name: 'julia' } })).language, 'julia');
    assert.equal(readNotebook(notebookText([], {})).language, undefined);
  });

  it('reports files that are not nbformat 4 notebooks with one clear message', () => {
    const valid = notebookText([{ cell_type: 'code', metadata: {}, outputs: [], source: ['x = 1'] }]);
    assert.match(readError(valid.slice(0, valid.length - 20)), /^invalid notebook JSON at line \d+, column \d+: /);
    assert.equal(readError('{\n "cells": [],\n<<<<<<< HEAD\n}'), "invalid notebook JSON at line 3, column 1: expected a property name in double quotes");
    const extraLine = valid.split('\n').length + 1;
    assert.equal(readError(valid + '\n}'), `invalid notebook JSON at line ${extraLine}, column 1: unexpected text after the end of the notebook`);
    assert.match(readError(notebookText([], {}, 3)), /^nbformat 3: only nbformat 4 notebooks are read \(convert with `jupyter nbconvert --to notebook --nbformat 4`\)$/);
    assert.match(readError('{"metadata": {}}'), /^no nbformat version/);
    assert.equal(readError('{"nbformat": 4, "metadata": {}}'), 'not a Jupyter notebook: no "cells" list');
    assert.equal(readError('[1, 2]'), 'not a Jupyter notebook: the file is not a JSON object');
    assert.match(readError(notebookText([{ cell_type: 'code', source: 42 }])), /cell 1: "source" must be a string or a list of strings$/);
    assert.match(readError('{"cells": [], "nbformat": 4, "metadata": {"x": ' + '['.repeat(600) + ']'.repeat(600) + '}}'), /nested deeper than 512 levels/);
    assert.match(readError(''), /unexpected end of file/);
  });

  it('maps cell positions into the JSON strings holding the source, past escapes', () => {
    const source = ['x = "a\\tb"  # é\n', 'y = \'\u{1F600}\' + "\\u00e9"\n', 'net = nn.Sigmoid()'];
    const text = notebookText([{ cell_type: 'code', metadata: {}, outputs: [], source }]).replace('é', '\\u00e9');
    const [cell] = readNotebook(text).cells;
    const positions = new NotebookFilePositions(text);
    const fileLines = text.split('\n');
    const cellLines = cell.source.split('\n');
    cellLines.forEach((line, n) => {
      for (let c = 0; c < line.length; c++) {
        const p = positions.position(cell, { line: n, character: c });
        // The file text at the mapped place is the character, or the escape that stands for it.
        const rest = fileLines[p.line].slice(p.character);
        const escape = /^\\(u[0-9a-fA-F]{4}|.)/.exec(rest)?.[0];
        assert.equal(escape ? JSON.parse(`"${escape}"`) : rest[0], line[c], `cell ${n}:${c}`);
      }
    });
  });

  it('turns cell edits into file edits that keep the JSON valid and edit the source', () => {
    const source = ['model = nn.Sequential(\n', '    nn.Linear(4, 1),\n', '    nn.Sigmoid(),\n', ')\n', 'loss = nn.BCELoss()'];
    const text = notebookText([{ cell_type: 'code', metadata: {}, outputs: [], source }]);
    const [cell] = readNotebook(text).cells;
    const positions = new NotebookFilePositions(text);
    const at = (line: number, character: number) => ({ line, character });
    const edits = [
      { range: { start: at(2, 0), end: at(3, 0) }, newText: '' },
      { range: { start: at(4, 10), end: at(4, 17) }, newText: 'BCEWithLogitsLoss' },
      { range: { start: at(1, 4), end: at(1, 4) }, newText: '# "note"\n    ' },
    ];
    const edited = applyEdits(text, edits.map((e) => positions.edit(cell, e)));
    const [after] = readNotebook(edited).cells;
    assert.equal(after.source, 'model = nn.Sequential(\n    # "note"\n    nn.Linear(4, 1),\n)\nloss = nn.BCEWithLogitsLoss()');
  });
});
