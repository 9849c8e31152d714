// Bounded memory on large but ordinary-looking Python: a 4.8 MB literal of weights written one row
// per line (no long line, so maxLineLength lets it through) is left out by the statement size
// limit instead of being parsed, with one diagnostic saying so, and the model code after it still
// gets its findings.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { TestClient } from '../lsp/client';

/** The hostile-input bound (hostile.test.ts); parsing the literal took the server to ~350 MB. */
const RSS_MB = 200;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

describe('robustness: memory', function () {
  this.timeout(60000);

  it('analyses a file with a 4.8 MB multi-line literal within the memory bound', async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      const row = '    0.1234, 0.5678, -0.91011, 0.1213,\n';
      const text = `import torch.nn as nn\nW = [\n${row.repeat(Math.floor(4.8e6 / row.length))}]\n`
        + 'net = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 1))\n';
      const uri = 'file:///memory/weights.py';
      await client.open(uri, text, 1, '');
      const diags = await client.diagnostics(uri, 0, () => true, 30000);
      const [omitted, ...findings] = diags;
      assert.equal(omitted.code, undefined);
      assert.equal(omitted.range.start.line, 1);
      assert.match(String(omitted.message), /^Activation Lens skipped this statement: it has \d+ characters, over the 1,000,000-character limit/);
      const codes = findings.map((d) => d.code);
      assert.ok(codes.length > 0 && codes.every((c) => typeof c === 'string' && /^ACT\d{3}$/.test(c)), JSON.stringify(codes));
      const rss = peakRssMb(client.pid);
      assert.ok(rss < RSS_MB, `server RSS ${rss.toFixed(0)} MB`);
    } finally {
      client.dispose();
    }
  });
});
