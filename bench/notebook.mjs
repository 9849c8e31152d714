// Jupyter notebooks:
//   - reading a notebook saved with large outputs (base64 images, long training logs): the nbformat
//     reader in process (a bundle built on the fly) against JSON.parse of the same text, the whole
//     notebook analysis, and `activation-lens check` on the file (through dist/cli.js);
//   - language server: notebookDocument/didChange of one cell → publishDiagnostics for that cell,
//     on a generated notebook of 40 cells (~2,000 lines), through dist/server.js over stdio, and
//     the server's CPU time per edit, which other processes on a shared machine hardly move
//     (Linux: /proc; the latencies are only as good as the machine's quiet).
// Deterministic corpora. Prints a readable report; `--json` prints the figures instead.
//
//   node bench/notebook.mjs       (npm run bench builds dist/ first)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { loadBundle, rng, root, stats } from './common.mjs';

const SERVER = path.join(root, 'dist/server.js');
const CLI = path.join(root, 'dist/cli.js');
const READS = 15;
const EDITS = 60;
const WARMUP = 10;
const CELLS = 40;
const TARGETS = { readMsPer10Mb: 100, editP95Ms: 50 };
const json = process.argv.includes('--json');

/** A model cell of ~50 lines: a sigmoid/tanh MLP with a BCE loss (ACT010) and a training step. */
function modelCell(i) {
  const lines = [`class Block${i}(nn.Module):`, '    def __init__(self):', '        super().__init__()', '        self.net = nn.Sequential('];
  for (let k = 0; k < 12; k++) lines.push(`            nn.Linear(${64 + k}, ${65 + k}),`, `            nn.${k % 2 ? 'Tanh' : 'ReLU'}(),`);
  lines.push('            nn.Linear(76, 1),', '            nn.Sigmoid(),', '        )', '', '    def forward(self, x):', '        return self.net(x)', '');
  lines.push(`model_${i} = Block${i}()`, `criterion_${i} = nn.BCELoss()`, '', `def step_${i}(x, y):`, `    loss = criterion_${i}(model_${i}(x), y)`, '    loss.backward()', '    return loss.item()');
  while (lines.length < 50) lines.push('');
  return lines.join('\n');
}

const IMPORTS = '%matplotlib inline\n!pip install -q torch\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F';

/** nbformat 4 JSON as Jupyter writes it, with `outputsPerCell(i)` as each code cell's outputs. */
function notebookJson(sources, outputsPerCell) {
  const cells = sources.flatMap((source, i) => [
    { cell_type: 'markdown', id: `m${i}`, metadata: {}, source: [`## Part ${i}\n`, 'Notes on this step.'] },
    { cell_type: 'code', execution_count: i + 1, id: `c${i}`, metadata: {}, outputs: outputsPerCell(i), source: source.split(/(?<=\n)/) },
  ]);
  const metadata = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

/** Outputs like a training notebook's: a plot every other cell, a long log every fifth. */
function heavyOutputs(random) {
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const image = bytes(900_000).toString('base64');
  return (i) => [
    ...(i % 2 === 0 ? [{ output_type: 'display_data', data: { 'image/png': image, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {} }] : []),
    ...(i % 5 === 0 ? [{ output_type: 'stream', name: 'stdout', text: Array.from({ length: 60_000 }, (_, k) => `epoch ${k}: loss=${random().toFixed(6)} acc="${random().toFixed(3)}"\n`) }] : []),
  ];
}

/** User + system CPU time of a process in ms (Linux), or NaN. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ ticks
  } catch {
    return NaN;
  }
}

function timed(fn, runs) {
  for (let k = 0; k < 3; k++) fn();
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

async function readLargeNotebook(dir) {
  const { readNotebook, analyzeNotebook } = await loadBundle(
    `export { readNotebook } from './server/notebook/nbformat';
    export { analyzeNotebook } from './server/notebook/analyzeNotebook';`,
    path.join(dir, 'notebook.cjs'),
  );
  const sources = [IMPORTS, ...Array.from({ length: 19 }, (_, i) => modelCell(i))];
  const text = notebookJson(sources, heavyOutputs(rng(11)));
  const file = path.join(dir, 'training.ipynb');
  writeFileSync(file, text);
  const megabytes = Buffer.byteLength(text) / 1024 / 1024;
  const read = timed(() => readNotebook(text), READS);
  const parse = timed(() => JSON.parse(text), READS);
  const notebook = readNotebook(text);
  const code = notebook.cells.map((c) => (c.kind === 'code' ? c.source : undefined));
  const analysis = timed(() => analyzeNotebook(code, file), READS);
  const findings = analyzeNotebook(code, file).findings.length;
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, [CLI, 'check', '--exit-zero', file], { encoding: 'utf8' });
  const cliMs = performance.now() - t0;
  if (cli.status !== 0 || !cli.stdout.includes(`Found ${findings} findings.`)) throw new Error(`check failed: ${cli.stderr}${cli.stdout.slice(-500)}`);
  return { megabytes, cells: notebook.cells.length, findings, read, jsonParse: parse, analysis, cliMs };
}

async function editLatency() {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let waiters = [];
  const diagnosticsPerCell = new Map();
  conn.onNotification((method, params) => {
    if (method === 'textDocument/publishDiagnostics') diagnosticsPerCell.set(params.uri, params.diagnostics.length);
    for (const w of [...waiters]) if (w.method === method && w.match(params)) w.resolve(params);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const next = (method, match) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), 60_000);
    const w = { method, match, resolve: (p) => { clearTimeout(timer); waiters = waiters.filter((x) => x !== w); resolve(p); } };
    waiters.push(w);
  });
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});

  const notebook = 'file:///bench/training.ipynb';
  const cells = [IMPORTS, ...Array.from({ length: CELLS - 1 }, (_, i) => modelCell(i))].map((text, i) => ({
    uri: `vscode-notebook-cell:/bench/training.ipynb#ch${i}`, text, version: 1,
  }));
  const lineCount = cells.reduce((n, c) => n + c.text.split('\n').length, 0);
  const last = cells[cells.length - 1];
  const opened = next('textDocument/publishDiagnostics', (p) => p.uri === last.uri);
  await conn.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  await opened; // cells publish in notebook order: the last one comes last
  const findings = [...diagnosticsPerCell.values()].reduce((a, b) => a + b, 0);

  // Each edit changes a layer width in some model cell (a real re-analysis, same findings).
  // The first WARMUP edits let the JIT settle and are not counted.
  const times = [];
  let cpuAtStart = NaN;
  let notebookVersion = 1;
  for (let k = -WARMUP; k < EDITS; k++) {
    const cell = cells[1 + (((k + WARMUP) * 7) % (CELLS - 1))];
    const line = 4 + 2 * ((k + WARMUP) % 12);
    const col = cell.text.split('\n')[line].indexOf('(') + 1;
    cell.version++;
    notebookVersion++;
    const v = cell.version;
    const published = next('textDocument/publishDiagnostics', (p) => p.uri === cell.uri && p.version === v);
    const t0 = performance.now();
    await conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebook, version: notebookVersion },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: v }, changes: [{ range: { start: { line, character: col }, end: { line, character: col + 2 } }, text: String(10 + ((k + WARMUP) % 80)) }] }] } },
    });
    await published;
    if (k >= 0) times.push(performance.now() - t0);
    if (k === -1) cpuAtStart = cpuMs(proc.pid);
  }
  const cpuPerEdit = (cpuMs(proc.pid) - cpuAtStart) / EDITS;
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
  conn.dispose();
  return { cells: CELLS, lines: lineCount, findings, edit: stats(times), serverCpuMsPerEdit: cpuPerEdit };
}

const ms = (v) => `${v.toFixed(1)} ms`;
const verdict = (ok) => (ok ? 'ok' : 'OVER TARGET');

const dir = mkdtempSync(path.join(tmpdir(), 'al-bench-notebook-'));
try {
  const large = await readLargeNotebook(dir);
  const lsp = await editLatency();
  const readTarget = (TARGETS.readMsPer10Mb * large.megabytes) / 10;
  const readOk = large.read.median < readTarget;
  const editOk = lsp.edit.p95 < TARGETS.editP95Ms;
  if (json) {
    process.stdout.write(JSON.stringify({ large, lsp, targets: TARGETS }, null, 2) + '\n');
  } else {
    console.log(`Notebook with large outputs: ${large.megabytes.toFixed(1)} MB, ${large.cells} cells, ${large.findings} findings`);
    console.log(`  read (nbformat reader) over ${large.read.n} runs: median ${ms(large.read.median)}, p95 ${ms(large.read.p95)}  [target median < ${ms(readTarget)} (${TARGETS.readMsPer10Mb} ms per 10 MB): ${verdict(readOk)}]`);
    console.log(`  JSON.parse of the same text, for comparison: median ${ms(large.jsonParse.median)}`);
    console.log(`  analysis of its cells: median ${ms(large.analysis.median)}; \`activation-lens check\` on the file, process included: ${ms(large.cliMs)}`);
    console.log(`Notebook of ${lsp.cells} cells (${lsp.lines} lines), ${lsp.findings} diagnostics`);
    console.log(`  cell didChange → publishDiagnostics for the cell over ${lsp.edit.n} edits: median ${ms(lsp.edit.median)}, p95 ${ms(lsp.edit.p95)}, max ${ms(lsp.edit.max)}  [target p95 < ${TARGETS.editP95Ms} ms: ${verdict(editOk)}]`);
    if (Number.isFinite(lsp.serverCpuMsPerEdit)) console.log(`  server CPU time per edit: ${ms(lsp.serverCpuMsPerEdit)}`);
  }
  process.exitCode = readOk && editOk ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
