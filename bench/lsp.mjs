// Language-server latency and memory, measured over the protocol against dist/server.js:
//   - didChange → publishDiagnostics on a generated 2,000-line model file (≥50 edits),
//   - hover round-trip on that file,
//   - server RSS after the background scan of a generated folder of 1,000 model files.
// Prints a readable report; `--json` prints the figures as JSON instead; `--server FILE` benches
// another build of the server. Build first (npm run bench does).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { stats } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverArg = process.argv.indexOf('--server');
const SERVER = serverArg > 0 ? path.resolve(process.argv[serverArg + 1]) : path.resolve(here, '../dist/server.js');
const EDITS = 60;
const WARMUP = 10;
const HOVERS = 100;
const FOLDER_FILES = 1000;
const TARGETS = { editP95Ms: 50, hoverP95Ms: 20, rssMb: 150 };
const json = process.argv.includes('--json');

/** One model block (~20 lines) with sigmoid/tanh stacks, a BCE loss and functional calls. */
function block(i) {
  return [
    `class Block${i}(nn.Module):`,
    `    """Generated block ${i}."""`,
    '',
    '    def __init__(self, width=128):',
    '        super().__init__()',
    '        self.net = nn.Sequential(',
    `            nn.Linear(${64 + (i % 7)}, 128),`,
    '            nn.Sigmoid(),',
    '            nn.Linear(128, 128),',
    '            nn.Tanh(),',
    '            nn.Linear(128, 64),',
    '            nn.ReLU(),',
    '            nn.Linear(64, 1),',
    '            nn.Sigmoid(),',
    '        )',
    '        self.loss = nn.BCELoss()',
    '',
    '    def forward(self, x):',
    '        h = F.gelu(x) * torch.sigmoid(x)',
    '        return self.net(h)',
    '',
  ];
}

function modelFile(lines) {
  const out = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '', ''];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n') + '\n';
}

class Server {
  constructor(rootPath) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.conn.onNotification((method, params) => {
      for (const w of [...this.waiters]) if (w.method === method && w.match(params)) w.resolve(params);
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.listen();
    this.rootPath = rootPath;
  }

  next(method, match = () => true, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const w = { method, match, resolve: (p) => { cleanup(); resolve(p); } };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for ${method}`)); }, timeoutMs);
      const cleanup = () => { clearTimeout(timer); this.waiters = this.waiters.filter((x) => x !== w); };
      this.waiters.push(w);
    });
  }

  async initialize() {
    const folder = this.rootPath ? [{ uri: pathToFileURL(this.rootPath).href, name: 'bench' }] : null;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder?.[0].uri ?? null,
      workspaceFolders: folder,
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  rssMb() {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }

  async close() {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    await new Promise((r) => (this.proc.exitCode !== null ? r() : this.proc.once('exit', r)));
    this.conn.dispose();
  }
}

async function editAndHover() {
  const server = new Server(undefined);
  await server.initialize();
  const text = modelFile(2000);
  const lines = text.split('\n');
  const uri = 'file:///bench/generated_model.py';
  let version = 1;
  const first = server.next('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  const opened = await first;

  // Each edit changes a layer width somewhere in the file (a real re-analysis, same findings).
  // The first WARMUP edits let the JIT settle and are not counted.
  const editTimes = [];
  for (let k = -WARMUP; k < EDITS; k++) {
    const line = 5 + 21 * (((k + WARMUP) * 37) % 90) + 8; // `nn.Linear(128, 128),` of some block
    const col = lines[line].indexOf('128)');
    version++;
    const v = version;
    const published = server.next('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v);
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 3 } }, text: String(100 + ((k + WARMUP) % 50)) }],
    });
    await published;
    if (k >= 0) editTimes.push(performance.now() - t0);
  }

  const hoverLine = lines.findIndex((l) => l.includes('nn.Sigmoid()'));
  const hoverChar = lines[hoverLine].indexOf('Sigmoid');
  const hoverTimes = [];
  let hoverOk = 0;
  for (let k = 0; k < HOVERS; k++) {
    const t0 = performance.now();
    const hover = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: hoverLine, character: hoverChar } });
    hoverTimes.push(performance.now() - t0);
    if (hover) hoverOk++;
  }
  await server.close();
  return { findings: opened.diagnostics.length, edit: stats(editTimes), hover: { ...stats(hoverTimes), answered: hoverOk } };
}

async function scanMemory() {
  const root = mkdtempSync(path.join(tmpdir(), 'al-bench-'));
  try {
    for (let i = 0; i < FOLDER_FILES; i++) {
      const dir = path.join(root, `pkg${i % 20}`);
      if (!existsSync(dir)) mkdirSync(dir);
      writeFileSync(path.join(dir, `model_${i}.py`), modelFile(45 + (i % 5) * 20));
    }
    const server = new Server(root);
    const t0 = performance.now();
    const done = server.next('activationLens/scanStatus', (p) => !p.scanning);
    await server.initialize();
    const status = await done;
    const seconds = (performance.now() - t0) / 1000;
    const mem = server.rssMb();
    await server.close();
    return { files: status.done, seconds, rssMb: mem.rss, peakRssMb: mem.peak };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const ms = (v) => `${v.toFixed(1)} ms`;
const verdict = (ok) => (ok ? 'ok' : 'OVER TARGET');

/** The load average (1, 5, 15 min): on a shared machine, latencies are only as good as its quiet. */
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

const loadBefore = load();
const latency = await editAndHover();
const memory = await scanMemory();
const result = { ...latency, scan: memory, targets: TARGETS, load: { before: loadBefore, after: load() } };
if (json) {
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} else {
  console.log(`load average (1, 5, 15 min): ${loadBefore.join(' ')} before, ${result.load.after.join(' ')} after  [2 cores]`);
  console.log(`2,000-line model file: ${latency.findings} diagnostics`);
  console.log(`  didChange → publishDiagnostics over ${latency.edit.n} edits: median ${ms(latency.edit.median)}, p95 ${ms(latency.edit.p95)}, max ${ms(latency.edit.max)}  [target p95 < ${TARGETS.editP95Ms} ms: ${verdict(latency.edit.p95 < TARGETS.editP95Ms)}]`);
  console.log(`  hover round-trip over ${latency.hover.n} requests (${latency.hover.answered} answered): median ${ms(latency.hover.median)}, p95 ${ms(latency.hover.p95)}  [target p95 < ${TARGETS.hoverP95Ms} ms: ${verdict(latency.hover.p95 < TARGETS.hoverP95Ms)}]`);
  console.log(`Workspace scan of ${memory.files} files: ${memory.seconds.toFixed(1)} s, RSS after ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakRssMb.toFixed(0)} MB)  [target < ${TARGETS.rssMb} MB: ${verdict(memory.rssMb < TARGETS.rssMb)}]`);
}
process.exitCode = latency.edit.p95 < TARGETS.editP95Ms && latency.hover.p95 < TARGETS.hoverP95Ms && memory.rssMb < TARGETS.rssMb ? 0 : 1;
