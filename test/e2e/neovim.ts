// A second LSP editor: headless Neovim runs `node dist/server.js --stdio` on a fixture file and
// must receive the same diagnostics the fixture expects. Shows the server needs nothing of VS Code.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { expectations } from './expectations';
import { ROOT, WORKSPACE_FIXTURE } from './scenario';

const FILE = 'gan/dcgan.py';

interface NvimReport {
  attached: boolean;
  arrived: boolean;
  filetype: string;
  diagnostics: { line: number; column: number; code: string; source: string; message: string }[];
}

export async function neovimDiagnostics(nvim: string, scratch: string): Promise<void> {
  const server = path.join(ROOT, 'dist', 'server.js');
  assert.ok(fs.existsSync(server), `missing piece: ${server} (run npm run build)`);
  const out = path.join(scratch, 'nvim-diagnostics.json');
  const args = ['--headless', '--clean', '-n', '-c', `luafile ${path.join(__dirname, 'nvim', 'diagnostics.lua')}`, path.join(WORKSPACE_FIXTURE, FILE)];
  const env = { ...process.env, AL_OUT: out, AL_SERVER: server, AL_ROOT: WORKSPACE_FIXTURE, AL_TIMEOUT_MS: '20000' };
  const { stderr } = await promisify(execFile)(nvim, args, { env, timeout: 60_000, cwd: scratch });
  assert.ok(fs.existsSync(out), `Neovim wrote no report${stderr ? `: ${stderr}` : ''}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimReport;
  assert.ok(report.attached, 'Neovim could not start the server or attach it to the buffer');
  assert.equal(report.filetype, 'python');
  assert.ok(report.arrived, 'no diagnostics arrived in Neovim within 20 s');
  const expected = expectations(WORKSPACE_FIXTURE).filter((e) => e.file === FILE).map((e) => `${e.code}@${e.line}`);
  assert.deepEqual(report.diagnostics.map((d) => `${d.code}@${d.line}`), expected);
  for (const d of report.diagnostics) {
    assert.equal(d.source, 'activation-lens');
    assert.match(d.message, /BCEWithLogitsLoss/);
  }
}
