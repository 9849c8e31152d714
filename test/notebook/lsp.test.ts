// Protocol tests for notebooks against the bundled server: a notebook opened with
// notebookDocument/didOpen is analysed as one program; diagnostics, hovers, code actions and code
// lenses live on the cell documents; cell edits and structure changes (add, move, delete) update them.
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, InitializeResult, MarkupContent, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import type { StacksResult } from '../../shared/protocol';
import { applyEdits, TestClient } from '../lsp/client';
import { rangeOf } from '../lsp/fixtures';

const NOTEBOOK = 'file:///virtual/gan.ipynb';
const cellUri = (id: string) => `vscode-notebook-cell:/virtual/gan.ipynb#${id}`;

const IMPORTS = '%matplotlib inline\n!pip install -q torch\nimport torch\nimport torch.nn as nn';
const MODEL = `class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(784, 256),
            nn.LeakyReLU(0.2),
            nn.Linear(256, 1),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.main(x)


netD = Discriminator()`;
const DATA = '%%time\nbatch = torch.randn(64, 784)\nnetD?';
const TRAIN = `criterion = nn.BCELoss()


def train_step(y):
    return criterion(netD(batch), y)`;

interface CellText { id: string; text: string; version: number }

describe('lsp server: notebooks', function () {
  this.timeout(20000);
  let client: TestClient;
  let init: InitializeResult;
  let notebookVersion = 1;
  let cells: CellText[];
  let cellCount = 0;

  const cell = (text: string): CellText => ({ id: `ch${cellCount++}`, text, version: 1 });
  const item = (c: CellText) => ({ uri: cellUri(c.id), languageId: 'python', version: c.version, text: c.text });
  const find = (id: string) => cells.find((c) => c.id === id) as CellText;

  /** Sends one notebookDocument/didChange and resolves with the next diagnostics of `watch`, matching `match`. */
  async function change(change: unknown, watch: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    const from = client.notifications.length;
    notebookVersion++;
    await client.notify('notebookDocument/didChange', { notebookDocument: { uri: NOTEBOOK, version: notebookVersion }, change });
    return client.diagnostics(cellUri(watch), from, match);
  }

  /** Replaces a cell's text; resolves with the diagnostics then published for `watch` (default: the edited cell). */
  function edit(id: string, text: string, watch = id, match?: (p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]> {
    const c = find(id);
    c.text = text;
    c.version++;
    const versioned = match ?? ((p: PublishDiagnosticsParams) => watch !== id || p.version === c.version);
    return change({ cells: { textContent: [{ document: { uri: cellUri(id), version: c.version }, changes: [{ text }] }] } }, watch, versioned);
  }

  before(async () => {
    client = new TestClient();
    init = await client.initialize();
  });
  after(async () => {
    assert.equal(await client.dispose(), 0);
  });

  it('announces notebook sync for the Python cells of Jupyter notebooks', () => {
    assert.deepEqual(init.capabilities.notebookDocumentSync, {
      notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
    });
  });

  it('reports a sigmoid in the model cell feeding the loss of a later cell, on the model cell, with the loss cell as related information', async () => {
    cells = [cell(IMPORTS), cell(MODEL), cell(DATA), cell(TRAIN)];
    const from = client.notifications.length;
    await client.notify('notebookDocument/didOpen', {
      notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: notebookVersion, cells: cells.map((c) => ({ kind: 2, document: cellUri(c.id) })) },
      cellTextDocuments: cells.map(item),
    });
    const [imports, model, data, train] = await Promise.all(cells.map((c) => client.diagnostics(cellUri(c.id), from)));
    assert.deepEqual([imports, data, train], [[], [], []], 'magics, %%time and help lines are not findings');
    assert.deepEqual(model.map((d) => d.code), ['ACT010']);
    assert.deepEqual(model[0].range, rangeOf(MODEL, 'nn.Sigmoid()'));
    assert.deepEqual(model[0].relatedInformation, [{ location: { uri: cellUri(cells[3].id), range: rangeOf(TRAIN, 'nn.BCELoss()') }, message: 'the loss that expects probabilities' }]);
    const published = client.notifications.slice(from).find((n) => (n.params as PublishDiagnosticsParams).uri === cellUri(cells[1].id))?.params as PublishDiagnosticsParams;
    assert.equal(published.version, 1, 'diagnostics carry the cell version');
  });

  it('hovers an activation in a cell with the cell-relative range and its place in the stack', async () => {
    const at = rangeOf(MODEL, 'nn.Sigmoid()');
    const hover = await client.hover(cellUri(cells[1].id), { line: at.start.line, character: at.start.character + 4 });
    assert.deepEqual(hover?.range, at);
    assert.match((hover?.contents as MarkupContent).value, /^\*\*Sigmoid\*\*[^]*\*\*In `Discriminator`:\*\* output layer/m);
    const loss = rangeOf(TRAIN, 'nn.BCELoss()');
    assert.match((((await client.hover(cellUri(cells[3].id), loss.start))?.contents) as MarkupContent).value, /Expects \*\*probabilities\*\*/);
  });

  it('answers code lenses and the stacks request for the cell holding the model', async () => {
    const { stacks } = await client.request<StacksResult>('activationLens/stacks', { uri: cellUri(cells[1].id) });
    assert.deepEqual(stacks.map((s) => [s.name, s.layers.length]), [['Discriminator', 4]]);
    assert.deepEqual(stacks[0].range.start, rangeOf(MODEL, 'Discriminator').start);
    const lenses = await client.codeLenses(cellUri(cells[1].id));
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0].range.start, stacks[0].range.start);
    assert.deepEqual(lenses[0].command?.arguments, [{ uri: cellUri(cells[1].id), stackIndex: 0 }]);
    assert.deepEqual(await client.codeLenses(cellUri(cells[3].id)), []);
    assert.deepEqual(stacks[0].layers[3].range, rangeOf(MODEL, 'nn.Sigmoid()'));
    assert.deepEqual(stacks[0].loss?.range, rangeOf(TRAIN, 'nn.BCELoss()'), 'the loss range is relative to its own cell');
  });

  it('re-analyses the notebook when another cell is edited', async () => {
    const [modelId, trainId] = [cells[1].id, cells[3].id];
    assert.deepEqual(await edit(trainId, TRAIN.replace('BCELoss', 'MSELoss'), modelId), [], 'a regression loss clears ACT010 in the model cell');
    assert.deepEqual((await edit(trainId, TRAIN, modelId)).map((d) => d.code), ['ACT010']);
  });

  it('keeps analysing the cells after one left half-written', async () => {
    const dataId = cells[2].id;
    assert.deepEqual(await edit(dataId, 'batch = torch.randn(\n    64, 784,\n'), []);
    const { stacks } = await client.request<StacksResult>('activationLens/stacks', { uri: cellUri(cells[1].id) });
    assert.equal(stacks[0].loss?.name, 'nn.BCELoss', 'the loss after the broken cell still ties to the model');
    await edit(dataId, DATA);
  });

  it('follows cells deleted and added: a deleted loss cell clears the finding, a new one brings it back', async () => {
    const modelId = cells[1].id;
    const removed = cells.splice(3, 1)[0];
    const cleared = await change({ cells: { structure: { array: { start: 3, deleteCount: 1 }, didClose: [{ uri: cellUri(removed.id) }] } } }, modelId);
    assert.deepEqual(cleared, []);

    const added = cell(TRAIN);
    cells.push(added);
    const back = await change({ cells: { structure: { array: { start: 3, deleteCount: 0, cells: [{ kind: 2, document: cellUri(added.id) }] }, didOpen: [item(added)] } } }, modelId);
    assert.deepEqual(back.map((d) => d.code), ['ACT010']);
    assert.equal(back[0].relatedInformation?.[0].location.uri, cellUri(added.id), 'related information names the new cell');
  });

  it('follows moved cells: the cell order decides which model the loss reads', async () => {
    const modelId = cells[1].id;
    // A cell after the model binds netD to a ReLU network: the loss reads that one.
    const rebind = cell('netD = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 1))');
    cells.splice(2, 0, rebind);
    const inserted = await change({ cells: { structure: { array: { start: 2, deleteCount: 0, cells: [{ kind: 2, document: cellUri(rebind.id) }] }, didOpen: [item(rebind)] } } }, modelId);
    assert.deepEqual(inserted, []);
    // Moved above the model cell, the Discriminator is netD again. A move opens and closes no cell.
    cells.splice(1, 2, rebind, cells[1]);
    const moved = await change({ cells: { structure: { array: { start: 1, deleteCount: 2, cells: [rebind, cells[2]].map((c) => ({ kind: 2, document: cellUri(c.id) })) } } } }, modelId);
    assert.deepEqual(moved.map((d) => d.code), ['ACT010']);
    assert.deepEqual(moved[0].range, rangeOf(MODEL, 'nn.Sigmoid()'));
    const hover = await client.hover(cellUri(modelId), rangeOf(MODEL, 'nn.Sigmoid()').start);
    assert.deepEqual(hover?.range, rangeOf(MODEL, 'nn.Sigmoid()'));

    const removed = cells.splice(1, 1)[0];
    assert.deepEqual(await change({ cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: cellUri(removed.id) }] } } }, removed.id), [], 'a deleted cell keeps no diagnostics');
  });

  it('offers the quick fix across cells and the disable-line comment; each, applied to the cells, removes the finding', async () => {
    const [model, train] = [cells[1], cells[3]];
    const [d] = await edit(model.id, MODEL);
    assert.equal(d.code, 'ACT010');
    const actions = await client.codeActions(cellUri(model.id), d.range, { diagnostics: [d] });
    assert.deepEqual(actions.map((a) => a.title), ['Remove the sigmoid and use BCEWithLogitsLoss (ACT010)', 'Disable ACT010 for this line']);
    const changes = (action: CodeAction) => action.edit?.changes as Record<string, TextEdit[]>;
    assert.deepEqual(Object.keys(changes(actions[0])).sort(), [cellUri(model.id), cellUri(train.id)].sort());
    assert.deepEqual(Object.keys(changes(actions[1])), [cellUri(model.id)]);

    const fixedModel = applyEdits(MODEL, changes(actions[0])[cellUri(model.id)]);
    const fixedTrain = applyEdits(TRAIN, changes(actions[0])[cellUri(train.id)]);
    assert.doesNotMatch(fixedModel, /Sigmoid/);
    assert.match(fixedTrain, /^criterion = nn\.BCEWithLogitsLoss\(\)$/m);
    await edit(train.id, fixedTrain);
    assert.deepEqual(await edit(model.id, fixedModel), []);

    await edit(train.id, TRAIN);
    assert.deepEqual((await edit(model.id, MODEL)).map((x) => x.code), ['ACT010']);
    const suppressed = applyEdits(MODEL, changes(actions[1])[cellUri(model.id)]);
    assert.match(suppressed, /^ {12}nn\.Sigmoid\(\),  # activation-lens: ignore\[ACT010\]$/m);
    assert.deepEqual(await edit(model.id, suppressed), []);
    await edit(model.id, MODEL);
  });

  it('fixes the findings of a cell with the fix-all source action', async () => {
    const model = cells[1];
    const everything = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const [fixAll, ...rest] = await client.codeActions(cellUri(model.id), everything, { diagnostics: [], only: ['source.fixAll'] });
    assert.equal(rest.length, 0);
    assert.equal(fixAll.kind, 'source.fixAll.activation-lens');
    assert.equal(Object.keys(fixAll.edit?.changes ?? {}).length, 2, 'the model cell and the loss cell');
  });

  it('clears the diagnostics of every cell when the notebook closes', async () => {
    const from = client.notifications.length;
    await client.notify('notebookDocument/didClose', { notebookDocument: { uri: NOTEBOOK }, cellTextDocuments: cells.map((c) => ({ uri: cellUri(c.id) })) });
    assert.deepEqual(await client.diagnostics(cellUri(cells[1].id), from), []);
  });
});
