// Hostile input: for each corpus entry the server stays responsive (a hover in another document
// answers within 1 s of the hostile file's arrival), its memory stays bounded, and the file gets
// findings or exactly one diagnostic saying it was skipped and why.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client';
import { HOSTILE } from './corpus';

const ANCHOR = 'file:///hostile/anchor.py';
const ANCHOR_TEXT = 'import torch.nn as nn\nact = nn.Sigmoid()\n';
const HOVER_MS = 1000;
/** Peak RSS allowed per server (the everyday target is 150 MB). */
const RSS_MB = 200;

/** The process's peak resident set (VmHWM), so a spike freed before the check still counts. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

describe('robustness: hostile input', function () {
  this.timeout(60000);
  // A fresh server per input, so each peak RSS belongs to one input.
  let client: TestClient;

  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(ANCHOR, ANCHOR_TEXT);
    await client.diagnostics(ANCHOR);
  });

  afterEach(() => client.dispose());

  for (const input of HOSTILE) {
    it(input.name, async () => {
      const uri = `file:///hostile/${input.file}`;
      const text = input.text();
      const from = client.notifications.length;
      await client.open(uri, text, 1, '');
      const started = Date.now();
      const hover = await client.hover(ANCHOR, { line: 1, character: 12 });
      const hoverMs = Date.now() - started;
      assert.ok(hover, 'the anchor hover answers');
      assert.ok(hoverMs < HOVER_MS, `hover took ${hoverMs} ms`);

      const diags: Diagnostic[] = await client.diagnostics(uri, from, () => true, 20000);
      const lines = lineCount(text);
      for (const d of diags) assert.ok(d.range.start.line >= 0 && d.range.end.line < lines, `range outside the document: ${JSON.stringify(d.range)}`);
      // A skip is the file's only diagnostic, and says why.
      const messages = diags.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
      const skipped = messages.filter((m) => /skipped/i.test(m));
      if (input.skipped || skipped.length) {
        assert.equal(diags.length, 1, JSON.stringify(messages));
        assert.match(skipped[0] ?? '', /skipped this file: .+/);
      }
      await client.close(uri);
      const rss = peakRssMb(client.pid);
      assert.ok(rss < RSS_MB, `server RSS ${rss.toFixed(0)} MB`);
    });
  }
});
