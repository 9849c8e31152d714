// Cancellation: a burst of 100 edits is analysed for its last version, not once per edit. Every
// analysis publishes diagnostics with its document version, so the publications count the analyses.
//
// The server starts an analysis only once every change it has received for the document is
// applied (editCoalescer.ts), so a burst that reaches it together — after a stall, or written at
// once as here — costs exactly one analysis, of its last version, on any machine load.
// vscode-jsonrpc clients (VS Code) write one message per event-loop turn, so their bursts trickle
// in; the server cannot know the next edit is coming, so the first edit may be analysed before the
// second arrives, and each later pause in arrival longer than the 3 ms quiet spell (the client
// descheduled on a loaded machine) costs one more. The bound there only catches per-edit analysis.

import { strict as assert } from 'node:assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client';

const URI = 'file:///burst/model.py';
const LAYER = '    nn.Linear(64, 64), nn.Sigmoid(),\n';
const textWith = (layers: number) => `import torch.nn as nn\nnet = nn.Sequential(\n${LAYER.repeat(layers)}    nn.Linear(64, 10),\n)\n`;
const BURST = 100;
const LAST = BURST + 1;
/** Analyses allowed for a trickled burst: far from one per edit, with room for a loaded machine. */
const MAX_TRICKLED_ANALYSES = 5;

/** The document versions diagnostics were published for since notification `from`, once the last version's have arrived. */
async function publishedVersions(client: TestClient, from: number): Promise<(number | undefined)[]> {
  const final = await client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === LAST, 10000, from);
  assert.ok(final.diagnostics.some((d) => d.code === 'ACT001'), 'the last version (101 sigmoid layers) has findings');
  // Let anything still queued arrive before counting.
  await new Promise((r) => setTimeout(r, 200));
  return client.notifications
    .slice(from)
    .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === URI)
    .map((n) => (n.params as PublishDiagnosticsParams).version);
}

describe('robustness: edit burst', function () {
  this.timeout(20000);
  let client: TestClient;
  let from: number;

  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(URI, textWith(1), 1);
    await client.diagnostics(URI);
    from = client.notifications.length;
  });

  afterEach(() => client.dispose());

  it(`a burst of ${BURST} edits arriving together is analysed once, for its last version`, async () => {
    // Each edit inserts one layer, as a client sends typing: incremental changes.
    const at = { line: 2, character: 0 };
    client.notifyTogether(
      Array.from({ length: BURST }, (_, i) => ({
        method: 'textDocument/didChange',
        params: { textDocument: { uri: URI, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: LAYER }] },
      })),
    );
    assert.deepEqual(await publishedVersions(client, from), [LAST]);
  });

  it(`a burst of ${BURST} edits written one per turn ends with its last version, without an analysis per edit`, async () => {
    // Full-document changes, as some clients send.
    await Promise.all(Array.from({ length: BURST }, (_, i) => client.change(URI, i + 2, [{ text: textWith(i + 2) }])));
    const versions = await publishedVersions(client, from);
    assert.ok(versions.length <= MAX_TRICKLED_ANALYSES, `published for versions ${versions.join(', ')}`);
    assert.ok(versions.every((v, i) => i === 0 || (v as number) > (versions[i - 1] as number)), `versions in order: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), LAST);
  });
});
