// A notebook analysed with its parse cache after each of a series of cell edits (text typed or
// deleted in a cell, cells added, removed, moved, turned into markdown) gives exactly what a
// fresh analysis of the same cells gives: the language server re-parses only the statements an
// edit touched, and must never report what a full analysis would not.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UnitCache } from '../../server/parse/python';
import { analyzeNotebook } from '../../server/notebook/analyzeNotebook';
import { readNotebook } from '../../server/notebook/nbformat';
import { rng } from '../seededRandom';

const FIXTURES = path.resolve(__dirname, '../fixtures/notebooks');
const NOTEBOOKS = ['gan_split_cells.ipynb', 'keras_colab.ipynb', 'broken_cell_between.ipynb'];

/** Text typed into a cell: statements, pieces of them, magics, and what joins or splits statements. */
const SNIPPETS = [
  '\n', '    ', '(', ')', '"""', '#', '\\\n', '%time ', '!pip install torch\n', 'nn.Sigmoid(),\n',
  'criterion = nn.BCELoss()\n', 'loss = criterion(model(x), y)\n', 'activation="sigmoid"', 'nn.Linear(16, 32)',
];

type Cells = (string | undefined)[];
type Edit = (cells: Cells, r: () => number) => Cells;

const pick = (n: number, r: () => number) => Math.floor(r() * n);
const codeCell = (cells: Cells, r: () => number) => {
  const code = cells.flatMap((c, i) => (c === undefined ? [] : [i]));
  return code.length ? code[pick(code.length, r)] : undefined;
};
const withCell = (cells: Cells, i: number, text: string | undefined) => cells.map((c, k) => (k === i ? text : c));

const EDITS: Edit[] = [
  (cells, r) => {
    const i = codeCell(cells, r);
    if (i === undefined) return cells;
    const text = cells[i]!;
    const at = pick(text.length + 1, r);
    return withCell(cells, i, text.slice(0, at) + SNIPPETS[pick(SNIPPETS.length, r)] + text.slice(at));
  },
  (cells, r) => {
    const i = codeCell(cells, r);
    if (i === undefined) return cells;
    const text = cells[i]!;
    const at = pick(text.length + 1, r);
    return withCell(cells, i, text.slice(0, at) + text.slice(at + pick(60, r)));
  },
  // A copy of a cell inserted elsewhere: the same statements twice.
  (cells, r) => {
    const from = pick(cells.length, r);
    const to = pick(cells.length + 1, r);
    return [...cells.slice(0, to), cells[from], ...cells.slice(to)];
  },
  (cells, r) => cells.filter((_, k) => k !== pick(cells.length, r) || cells.length === 1),
  (cells, r) => {
    const from = pick(cells.length, r);
    const rest = cells.filter((_, k) => k !== from);
    const to = pick(rest.length + 1, r);
    return [...rest.slice(0, to), cells[from], ...rest.slice(to)];
  },
  (cells, r) => {
    const i = codeCell(cells, r);
    return i === undefined ? cells : withCell(cells, i, undefined);
  },
];

describe('notebook: incremental analysis', () => {
  it('equals a fresh analysis after each of a series of random cell edits (and undos)', function () {
    this.timeout(20_000); // some 300 analyses: seconds on a loaded machine
    let findings = 0;
    NOTEBOOKS.forEach((name, n) => {
      const file = readNotebook(readFileSync(path.join(FIXTURES, name), 'utf8'));
      const r = rng(n + 1);
      const cache = new UnitCache();
      const versions: Cells[] = [file.cells.map((c) => (c.kind === 'code' ? c.source : undefined))];
      let cells = versions[0];
      for (let k = 0; k < 50; k++) {
        cells = r() < 0.1 ? versions[pick(versions.length, r)] : EDITS[pick(EDITS.length, r)](cells, r);
        versions.push(cells);
        const incremental = analyzeNotebook(cells, name, undefined, cache);
        const fresh = analyzeNotebook(cells, name);
        assert.deepEqual(incremental, fresh, `${name}, edit ${k}`);
        findings += fresh.findings.length;
      }
    });
    assert.ok(findings > 20, `${findings} findings over all versions`);
  });

  it('follows an edit in one cell that changes what another cell is found to do', () => {
    const cells = ['import torch.nn as nn', 'model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())', 'criterion = nn.BCELoss()\nloss = criterion(model(x), y)'];
    const cache = new UnitCache();
    const before = analyzeNotebook(cells, 'a.ipynb', undefined, cache);
    assert.deepEqual(before.cellFindings.map((f) => [f.code, f.cell]), [['ACT010', 1]]);
    const edited = withCell(cells, 2, cells[2]!.replace('nn.BCELoss()', 'nn.MSELoss()'));
    const after = analyzeNotebook(edited, 'a.ipynb', undefined, cache);
    assert.deepEqual(after, analyzeNotebook(edited, 'a.ipynb'));
    assert.deepEqual(after.cellFindings.map((f) => f.code), []);
  });
});
