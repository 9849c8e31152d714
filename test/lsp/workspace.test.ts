// Protocol tests of the workspace side: the background scan of closed files with progress,
// settings from the editor and pyproject.toml, watched-file changes, skipped files.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ScanStatusParams } from '../../shared/protocol';
import { TestClient, uriOf } from './client';
import { CLEAN, DISCRIMINATOR, rangeOf } from './fixtures';

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('lsp server: workspace', function () {
  let root: string;
  let client: TestClient;
  let settings: Record<string, unknown>;

  /** Wait for the scan that is running (or about to start) to end. */
  async function scanEnd(from: number): Promise<ScanStatusParams> {
    return client.waitFor<ScanStatusParams>('activationLens/scanStatus', (s) => !s.scanning, 10_000, from);
  }

  /** Diagnostics published for `file` from notification `from` on, the last one per URI when the scan has ended. */
  function published(file: string, from: number): PublishDiagnosticsParams | undefined {
    const uri = uriOf(file);
    return client.notifications
      .slice(from)
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri)
      .map((n) => n.params as PublishDiagnosticsParams)
      .pop();
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-ws-'));
    write(root, 'models/gan.py', DISCRIMINATOR);
    write(root, 'models/clean.py', CLEAN);
    write(root, 'other/gan.py', DISCRIMINATOR);
    write(root, 'vendor/gan_copy.py', DISCRIMINATOR);
    write(root, 'node_modules/pkg/gan.py', DISCRIMINATOR);
    write(root, '.venv/lib/gan.py', DISCRIMINATOR);
    write(root, 'quiet/pyproject.toml', '[tool.activation-lens.severity]\nACT010 = "off"\n');
    write(root, 'quiet/gan.py', DISCRIMINATOR);
    write(root, 'loud/pyproject.toml', '[tool.activation-lens.severity]\nACT010 = "error"\n');
    write(root, 'loud/gan.py', DISCRIMINATOR);
    write(root, 'big/gan.py', DISCRIMINATOR + '#'.repeat(4000) + '\n');
    settings = { exclude: ['vendor/'], maxFileSize: 4000 };
    client = new TestClient({ root, settings: () => settings });
    const from = client.notifications.length;
    await client.initialize();
    await scanEnd(from);
  });

  after(async () => {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('scans closed files in the background with work-done progress and a scan status for the status bar', () => {
    const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress[progress.length - 1], 'end');
    const status = client.notifications.filter((n) => n.method === 'activationLens/scanStatus').map((n) => n.params as ScanStatusParams);
    assert.equal(status[0].scanning, true);
    assert.deepEqual(status[status.length - 1], { scanning: false, done: 6, total: 6 }, 'models (2), other, quiet, loud and big: not vendor, node_modules or .venv');
  });

  it('publishes closed-file diagnostics without a version, honouring exclude, skip lists and the size limit', () => {
    const gan = published(path.join(root, 'models/gan.py'), 0);
    assert.ok(gan);
    assert.equal(gan.version, undefined);
    assert.deepEqual(codes(gan).includes('ACT010'), true);
    assert.equal(published(path.join(root, 'models/clean.py'), 0), undefined, 'clean files publish nothing');
    for (const rel of ['vendor/gan_copy.py', 'node_modules/pkg/gan.py', '.venv/lib/gan.py', 'big/gan.py']) {
      assert.equal(published(path.join(root, rel), 0), undefined, rel);
    }
  });

  it('applies the nearest pyproject.toml [tool.activation-lens] severities', () => {
    assert.ok(!codes(published(path.join(root, 'quiet/gan.py'), 0) ?? { uri: '', diagnostics: [] }).includes('ACT010'));
    const loud = published(path.join(root, 'loud/gan.py'), 0);
    assert.equal(loud?.diagnostics.find((d) => d.code === 'ACT010')?.severity, 1);
  });

  it('replaces closed-file diagnostics with versioned ones while open, and goes back to the disk text on close', async () => {
    const file = path.join(root, 'models/gan.py');
    const uri = uriOf(file);
    let from = client.notifications.length;
    await client.open(uri, CLEAN, 7);
    assert.deepEqual(await client.diagnostics(uri, from, (p) => p.version === 7), []);
    from = client.notifications.length;
    await client.close(uri);
    const back = await client.diagnostics(uri, from, (p) => p.diagnostics.length > 0);
    assert.ok(back.some((d) => d.code === 'ACT010'));
  });

  it('says why an open file over the size limit is skipped, on its first line', async () => {
    const uri = uriOf(path.join(root, 'big/gan.py'));
    const from = client.notifications.length;
    await client.open(uri, fs.readFileSync(path.join(root, 'big/gan.py'), 'utf8'));
    const [d, ...rest] = await client.diagnostics(uri, from, (p) => p.version === 1);
    assert.equal(rest.length, 0);
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(d.severity, 3);
    assert.match(String(d.message), /^Activation Lens skipped this file: the file is \d+ bytes, over activationLens\.maxFileSize \(4000\)$/);
    await client.close(uri);
  });

  it('follows watched-file events: a new file is analysed, a deleted one cleared', async () => {
    const file = write(root, 'models/new_gan.py', DISCRIMINATOR);
    let from = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
    const diagnostics = await client.diagnostics(uriOf(file), from);
    assert.deepEqual(diagnostics.find((d) => d.code === 'ACT010')?.range, rangeOf(DISCRIMINATOR, 'nn.Sigmoid()'));
    fs.rmSync(path.join(root, 'models'), { recursive: true });
    from = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(root, 'models')), type: 3 }] });
    assert.deepEqual(await client.diagnostics(uriOf(file), from), []);
    assert.deepEqual(await client.diagnostics(uriOf(path.join(root, 'models/gan.py')), from), []);
  });

  it('re-reads settings on didChangeConfiguration and re-publishes: excluded files are cleared, rules turned off vanish', async () => {
    const loud = uriOf(path.join(root, 'loud/gan.py'));
    settings = { exclude: ['vendor/', 'loud/'], maxFileSize: 4000, severity: { ACT010: 'off' } };
    const asked = client.configurationRequests.length;
    const from = client.notifications.length;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await scanEnd(from);
    assert.ok(client.configurationRequests.length > asked, 'settings pulled again');
    assert.deepEqual(await client.diagnostics(loud, from), [], 'newly excluded');
    assert.deepEqual(await client.diagnostics(uriOf(path.join(root, 'other/gan.py')), from), [], 'ACT010 turned off');
    const vendor = published(path.join(root, 'vendor/gan_copy.py'), from);
    assert.equal(vendor, undefined);
  });

  it('re-reads pyproject.toml when it changes', async () => {
    settings = {};
    const quiet = path.join(root, 'quiet/gan.py');
    write(root, 'quiet/pyproject.toml', '[tool.activation-lens.severity]\nACT010 = "hint"\n');
    const from = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(root, 'quiet/pyproject.toml')), type: 2 }] });
    const diagnostics = await client.diagnostics(uriOf(quiet), from);
    assert.equal(diagnostics.find((d) => d.code === 'ACT010')?.severity, 4);
  });
});
