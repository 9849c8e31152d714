// Property: random edit sequences on a real-shaped model file (insertions, deletions, half-typed
// lines, unbalanced brackets, tab/space mixes, CRLF, non-ASCII identifiers, surrogate pairs),
// sent to the real server over stdio as incremental changes. After every step the server answers
// a hover, every diagnostic lies inside the document and none is duplicated; the final diagnostics
// equal those of a fresh document holding the final text (incremental = from scratch).

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Diagnostic, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client';

const MODEL = `import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(64, 64), nn.Sigmoid(),
            nn.Linear(64, 64), nn.Sigmoid(),
            nn.Linear(64, 64), nn.Sigmoid(),
            nn.Linear(64, 1), nn.Sigmoid(),
        )
        self.loss = nn.BCELoss()

    def forward(self, x):
        return self.body(torch.tanh(x))
`;

const FRAGMENTS = ['nn.Sigmoid(', '(', ')', ']', '\t', '    ', '\r\n', '\n', 'nn.Tanh()', 'größe = nn.ReLU()', 'x = "😀"', 'def f(', 'self.act = nn.', ',', '#', 'return torch.sigmoid(x)\n'];

interface Edit { at: number; remove: number; insert: string }

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8, unit: 'grapheme' })),
});

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies an edit (clamped to the text, never splitting a surrogate pair) and returns the LSP change. */
function apply(text: string, e: Edit): { text: string; change: { range: { start: Position; end: Position }; text: string } } {
  const clampPair = (i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i - 1 : i);
  const start = clampPair(e.at % (text.length + 1));
  const end = clampPair(Math.min(text.length, start + e.remove));
  return {
    text: text.slice(0, start) + e.insert + text.slice(end),
    change: { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: e.insert },
  };
}

const key = (d: Diagnostic) => JSON.stringify([d.range, d.code, d.message]);

describe('robustness: random edit sequences', function () {
  this.timeout(60000);
  let client: TestClient;
  let doc = 0;

  before(async () => {
    client = new TestClient();
    await client.initialize();
  });

  after(() => client.dispose());

  /** Diagnostics published for `uri` at `version`, after notification index `from`. */
  const published = (uri: string, version: number, from: number) =>
    client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, 10000, from).then((p) => p.diagnostics);

  it('keeps diagnostics in range, unduplicated, and equal to a fresh analysis', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 20 }), async (edits) => {
        const uri = `file:///random/model${doc++}.py`;
        let text = MODEL;
        let from = client.notifications.length;
        await client.open(uri, text, 1);
        assert.ok((await published(uri, 1, from)).length > 0, 'the starting model has findings');
        for (const [i, e] of edits.entries()) {
          const next = apply(text, e);
          text = next.text;
          from = client.notifications.length;
          await client.change(uri, i + 2, [next.change]);
          const diags = await published(uri, i + 2, from);
          assert.notEqual(await client.hover(uri, { line: 0, character: 0 }), undefined, 'the server answers a hover');
          const lines = text.split('\n');
          for (const d of diags) {
            assert.ok(d.range.end.line < lines.length && d.range.end.character <= lines[d.range.end.line].length, `range outside the document: ${JSON.stringify(d.range)}`);
          }
          assert.equal(new Set(diags.map(key)).size, diags.length, 'a duplicated diagnostic');
        }
        const incremental = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri).at(-1)?.params as PublishDiagnosticsParams;
        const fresh = `${uri}.fresh.py`;
        from = client.notifications.length;
        await client.open(fresh, text, 1);
        assert.deepEqual(incremental.diagnostics.map(key).sort(), (await published(fresh, 1, from)).map(key).sort());
        await client.close(uri);
        await client.close(fresh);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
