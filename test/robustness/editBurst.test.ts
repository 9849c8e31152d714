// Cancellation: a burst of 100 edits costs a few analyses ending with the last version, not 100.
// The first edit arrives after a quiet spell and is analysed at once; the edits queued behind it
// fold into trailing runs, one per pause longer than the coalescer's 3 ms spell in the arrival of
// the burst: on a quiet machine 2 or 3 runs, under load more (2, 52, 53, 55, 72, 101 was seen).
// The bound catches per-edit analysis, not that spread. Every analysis publishes diagnostics with its document version,
// so the publications count the analyses.

import { strict as assert } from 'node:assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client';

const URI = 'file:///burst/model.py';
const LAYER = '    nn.Linear(64, 64), nn.Sigmoid(),\n';
const textWith = (layers: number) => `import torch.nn as nn\nnet = nn.Sequential(\n${LAYER.repeat(layers)}    nn.Linear(64, 10),\n)\n`;
const BURST = 100;
/** Analyses allowed for the burst: far from one per edit, with room for a loaded machine. */
const MAX_ANALYSES = 20;

describe('robustness: edit burst', function () {
  this.timeout(20000);

  it(`a burst of ${BURST} edits is analysed for its last version, not once per edit`, async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      await client.open(URI, textWith(1), 1);
      await client.diagnostics(URI);
      const from = client.notifications.length;
      // Each edit inserts one layer (a full-document change, as some clients send).
      await Promise.all(Array.from({ length: BURST }, (_, i) => client.change(URI, i + 2, [{ text: textWith(i + 2) }])));
      const last = BURST + 1;
      const final = await client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === last, 10000, from);
      assert.equal(final.diagnostics.filter((d) => d.code === 'ACT001').length > 0, true, 'the last version (101 sigmoid layers) has findings');
      // Let anything still queued arrive before counting.
      await new Promise((r) => setTimeout(r, 200));
      const versions = client.notifications
        .slice(from)
        .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === URI)
        .map((n) => (n.params as PublishDiagnosticsParams).version);
      assert.ok(versions.length <= MAX_ANALYSES, `published for versions ${versions.join(', ')}`);
      assert.equal(versions.at(-1), last);
    } finally {
      await client.dispose();
    }
  });
});
