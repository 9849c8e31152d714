// `activation-lens check` on Jupyter notebooks through the built CLI: findings in the right cell
// across cells, IPython syntax, broken cells, text/JSON/SARIF output, unreadable notebooks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { applyEdits } from '../lsp/client';
import { REPO, runCli, tempTrees } from '../cli/runCli';

const FIXTURES = path.join(REPO, 'test/fixtures/notebooks');

interface Cell { cell_type: string; source: string[] | string }
interface Notebook { cells: Cell[]; metadata: Record<string, unknown>; nbformat: number }
interface JsonFinding { file: string; cell: number; line: number; column: number; code: string }

function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function sourceOf(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** `cell:line CODE` of every `# expect:` annotation in the notebook's code cells (1-based cells over all cells). */
function expectations(nb: Notebook): string[] {
  return nb.cells.flatMap((cell, i) => (cell.cell_type !== 'code' ? [] : sourceOf(cell).split('\n').flatMap((line, n) => {
    const m = /# expect: ([A-Z0-9, ]+)/.exec(line);
    return m ? m[1].split(',').map((code) => `${i + 1}:${n + 1} ${code.trim()}`) : [];
  })));
}

function withCells(nb: Notebook, edit: (cells: Cell[]) => Cell[]): string {
  return JSON.stringify({ ...nb, cells: edit(structuredClone(nb.cells)) }, null, 1);
}

describe('activation-lens check: notebooks', function () {
  this.timeout(30000);
  const tree = tempTrees();

  it('reports every expected finding, in the cell and line of its annotation, and nothing else', () => {
    const names = fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.ipynb'));
    assert.ok(names.length >= 3);
    for (const name of names) {
      const r = runCli(['check', name, '--format', 'json'], FIXTURES);
      assert.equal(r.status, 1, r.stderr);
      const found = (JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => `${f.cell}:${f.line} ${f.code}`);
      assert.deepEqual(found.sort(), expectations(JSON.parse(fixtureText(name))).sort(), name);
    }
  });

  it('prints `path:cell N:line:col: CODE message`: a sigmoid in cell 4 feeding a loss defined in cell 7', () => {
    const r = runCli(['check', 'gan_split_cells.ipynb'], FIXTURES);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'gan_split_cells.ipynb:cell 4:12:13: ACT010 sigmoid output feeds nn.BCELoss: use BCEWithLogitsLoss on the logits (numerically stable; BCELoss clamps log(p) at -100, so a saturated sigmoid gets no gradient)\nFound 1 finding.\n');
  });

  it('writes JSON findings with the 1-based cell, counting markdown cells, and cell-relative positions', () => {
    const dir = tree({ 'nb/gan.ipynb': fixtureText('gan_split_cells.ipynb') });
    const out = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    assert.equal(out.files, 1);
    const [f] = out.findings;
    assert.deepEqual(Object.keys(f), ['file', 'cell', 'line', 'column', 'endLine', 'endColumn', 'code', 'rule', 'severity', 'message', 'url']);
    assert.deepEqual([f.file, f.cell, f.line, f.column, f.endLine, f.endColumn], ['nb/gan.ipynb', 4, 12, 13, 12, 25]);
  });

  it('writes SARIF that validates, points into the notebook file, and whose fix edits the notebook', () => {
    const text = fixtureText('gan_split_cells.ipynb');
    const dir = tree({ 'gan.ipynb': text });
    const log = JSON.parse(runCli(['check', '--format', 'sarif'], dir).stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
    const [result] = log.runs[0].results;
    assert.deepEqual(result.properties, { cell: 4 });
    const fileLines = text.split('\n');
    const regionText = (r: { startLine: number; startColumn: number; endColumn: number }) => fileLines[r.startLine - 1].slice(r.startColumn - 1, r.endColumn - 1);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'gan.ipynb');
    assert.equal(regionText(result.locations[0].physicalLocation.region), 'nn.Sigmoid()');
    assert.equal(regionText(result.relatedLocations[0].physicalLocation.region), 'nn.BCELoss()');

    const toRange = (r: { startLine: number; startColumn: number; endLine: number; endColumn: number }) => ({
      start: { line: r.startLine - 1, character: r.startColumn - 1 },
      end: { line: r.endLine - 1, character: r.endColumn - 1 },
    });
    const replacements = result.fixes[0].artifactChanges[0].replacements as { deletedRegion: never; insertedContent: { text: string } }[];
    const fixed = applyEdits(text, replacements.map((x) => ({ range: toRange(x.deletedRegion), newText: x.insertedContent.text })));
    const sources = (JSON.parse(fixed) as Notebook).cells.map(sourceOf);
    assert.doesNotMatch(sources[3], /nn\.Sigmoid/);
    assert.match(sources[6], /^criterion = nn\.BCEWithLogitsLoss\(\)$/m);
    fs.writeFileSync(path.join(dir, 'gan.ipynb'), fixed);
    assert.equal(runCli(['check'], dir).stdout, 'All checks passed!\n');
  });

  it('analyses the cells after a half-written one: the loss after two broken cells still ties to the model', () => {
    const r = runCli(['check', 'broken_cell_between.ipynb'], FIXTURES);
    assert.match(r.stdout, /^broken_cell_between\.ipynb:cell 2:6:5: ACT011 softmax output feeds nn\.CrossEntropyLoss/m);
    assert.match(r.stdout, /^broken_cell_between\.ipynb:cell 7:3:12: ACT040 /m);
  });

  it('honours suppression comments inside a cell', () => {
    const nb = JSON.parse(fixtureText('gan_split_cells.ipynb')) as Notebook;
    const suppress = (directive: string) => withCells(nb, (cells) => {
      cells[3].source = sourceOf(cells[3]).replace('# expect: ACT010', directive);
      return cells;
    });
    for (const directive of ['# activation-lens: ignore[ACT010]', '# activation-lens: ignore']) {
      const dir = tree({ 'gan.ipynb': suppress(directive) });
      assert.equal(runCli(['check'], dir).stdout, 'All checks passed!\n', directive);
    }
    const dir = tree({ 'gan.ipynb': suppress('# activation-lens: ignore[ACT002]') });
    assert.match(runCli(['check'], dir).stdout, /cell 4:12:13: ACT010/);
  });

  it('reports an unreadable notebook as one error, checks the other files, and exits 2', () => {
    const gan = fixtureText('gan_split_cells.ipynb');
    const dir = tree({
      'a_truncated.ipynb': gan.slice(0, 500),
      'b_old.ipynb': JSON.stringify({ metadata: {}, nbformat: 3, nbformat_minor: 0, worksheets: [] }),
      'c_gan.ipynb': gan,
      'd_r_kernel.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['x <- sigmoid(1)'] }], metadata: { kernelspec: { language: 'R' } }, nbformat: 4, nbformat_minor: 5 }),
    });
    const r = runCli(['check', '--format', 'json'], dir);
    assert.equal(r.status, 2);
    // The string cut off by the truncation starts on the last line of the file.
    const lastLine = gan.slice(0, 500).split('\n').length;
    const column = gan.slice(0, 500).split('\n')[lastLine - 1].indexOf('"') + 1;
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `activation-lens: error: a_truncated.ipynb: invalid notebook JSON at line ${lastLine}, column ${column}: unterminated string`,
      'activation-lens: error: b_old.ipynb: nbformat 3: only nbformat 4 notebooks are read (convert with `jupyter nbconvert --to notebook --nbformat 4`)',
      "activation-lens: warning: d_r_kernel.ipynb: skipped: the notebook's kernel runs R, not Python",
    ]);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings.map((f: JsonFinding) => [f.file, f.cell, f.code]), [['c_gan.ipynb', 4, 'ACT010']]);
    assert.deepEqual(out.skipped.map((s: { file: string; error?: boolean }) => [s.file, s.error ?? false]), [
      ['a_truncated.ipynb', true], ['b_old.ipynb', true], ['d_r_kernel.ipynb', false],
    ]);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif'], dir).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string }) => n.level), ['error', 'error', 'warning']);
  });

  it('walks folders for notebooks, skipping .ipynb_checkpoints', () => {
    const gan = fixtureText('gan_split_cells.ipynb');
    const dir = tree({ 'runs/exp1/gan.ipynb': gan, 'runs/exp1/.ipynb_checkpoints/gan-checkpoint.ipynb': gan });
    const r = runCli(['check', 'runs'], dir);
    assert.match(r.stdout, /^runs\/exp1\/gan\.ipynb:cell 4:12:13: ACT010 [^\n]*\nFound 1 finding\.\n$/);
  });

  it('reads a notebook with megabytes of outputs (over the 5 MB source limit) and analyses its code', () => {
    const nb = JSON.parse(fixtureText('gan_split_cells.ipynb')) as Notebook & { cells: Record<string, unknown>[] };
    const image = Buffer.alloc(3_000_000, 7).toString('base64');
    const log = Array.from({ length: 50_000 }, (_, k) => `step ${k}: loss=0.${k} "ok"\n`);
    for (const cell of nb.cells) {
      if (cell.cell_type === 'code') cell.outputs = [{ output_type: 'display_data', data: { 'image/png': image }, metadata: {} }, { output_type: 'stream', name: 'stdout', text: log }];
    }
    const text = JSON.stringify(nb, null, 1);
    assert.ok(text.length > 20_000_000);
    const dir = tree({ 'big.ipynb': text });
    const r = runCli(['check', 'big.ipynb'], dir);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^big\.ipynb:cell 4:12:13: ACT010 /);
  });
});
