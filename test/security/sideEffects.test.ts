// The server never spawns processes, opens network connections or writes files: it runs with
// observe.cjs preloaded through a workspace scan, edits, hovers and code actions, and the observer
// reports nothing. A positive control proves the observer sees what it looks for.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, uriOf } from '../lsp/client';

const OBSERVER = path.resolve(__dirname, 'observe.cjs');
const WORKSPACE = path.resolve(__dirname, '../fixtures/python');
const sideEffects = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('SIDE-EFFECT'));

describe('security: server side effects', function () {
  this.timeout(20000);

  it('the observer reports a file write, a spawn and a connection (control)', () => {
    const script = "require('fs').writeFileSync('/dev/null', 'x'); require('child_process').spawnSync(process.execPath, ['-e', '']); require('net').connect(1, '127.0.0.1').on('error', () => {});";
    const res = spawnSync(process.execPath, ['--require', OBSERVER, '-e', script], { encoding: 'utf8' });
    assert.deepEqual(sideEffects(res.stderr).map((l) => l.split(' ')[1]), ['fs.writeFileSync', 'child_process.spawnSync', 'net.connect']);
  });

  it('a session with a workspace scan, edits, hovers and code actions has none', async () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${OBSERVER}`.trim();
    let client: TestClient;
    try {
      client = new TestClient({ root: WORKSPACE });
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    try {
      await client.initialize();
      const file = path.join(WORKSPACE, 'ACT001/positive', 'deep_sigmoid_mlp.py');
      const uri = uriOf(file);
      await client.open(uri, readFileSync(file, 'utf8'));
      const diags: Diagnostic[] = await client.diagnostics(uri);
      assert.ok(diags.length > 0, 'the fixture has findings');
      await client.hover(uri, diags[0].range.start);
      await client.codeActions(uri, diags[0].range, { diagnostics: diags });
      await client.change(uri, 2, [{ text: 'import torch\nx = torch.sigmoid(torch.tanh(y))\n' }]);
      await client.hover(uri, { line: 1, character: 12 });
      await client.close(uri);
    } finally {
      await client.dispose();
    }
    assert.match(client.stderrText, /^OBSERVER loaded$/m);
    assert.deepEqual(sideEffects(client.stderrText), []);
  });
});
