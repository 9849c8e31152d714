// Parsing with a document's cache gives exactly what a fresh parse gives, whatever the edit, and
// keeps the statements an edit leaves alone instead of parsing them again.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePython, UnitCache } from '../../server/parse/python';
import { parseModule } from '../../server/parse/python/units';
import { rng } from '../seededRandom';

const ROOT = path.resolve(__dirname, '../..');

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pythonFiles(p) : e.name.endsWith('.py') ? [p] : [];
  });
}

/** Text an edit may insert: statements, pieces of them, and what joins or splits top-level statements. */
const SNIPPETS = [
  '\n', '    ', 'x = nn.Linear(4, 4)\n', 'nn.Sigmoid(),\n', '(', ')', '[', '"""', "'", '#', '\\\n', 'else:\n    pass\n',
  '@torch.no_grad()\n', 'class Extra(nn.Module):\n    def forward(self, x):\n        return torch.sigmoid(x)\n',
  'criterion = nn.BCELoss()\n', 'loss = criterion(model(x), y)\n', 'import torch.nn as nn\n', 'activation="sigmoid"',
];

type Edit = (text: string, r: () => number) => string;

const at = (text: string, r: () => number) => Math.floor(r() * (text.length + 1));
const EDITS: Edit[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + Math.floor(r() * 40));
  },
  (t, r) => {
    // Duplicate a line: a statement now stands twice, with identical text.
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
  },
  (t, r) => {
    // Move a block of text elsewhere.
    const i = at(t, r);
    const cut = t.slice(i, i + Math.floor(r() * 200));
    const rest = t.slice(0, i) + t.slice(i + cut.length);
    const j = at(rest, r);
    return rest.slice(0, j) + cut + rest.slice(j);
  },
];

describe('incremental parsing', () => {
  const files = [
    ...pythonFiles(path.join(ROOT, 'examples')),
    ...pythonFiles(path.join(ROOT, 'test/fixtures/python')).filter((_, i) => i % 6 === 0),
  ];

  it('equals a fresh parse after each of a series of random edits to real model files (and undos)', function () {
    this.timeout(20_000); // some 400 parses: seconds on a loaded machine
    assert.ok(files.length >= 15, `${files.length} files`);
    files.forEach((file, n) => {
      const r = rng(n + 1);
      const cache = new UnitCache();
      const versions = [readFileSync(file, 'utf8')];
      let text = versions[0];
      for (let k = 0; k < 12; k++) {
        // Now and then an undo back to an earlier version.
        text = r() < 0.15 ? versions[Math.floor(r() * versions.length)] : EDITS[Math.floor(r() * EDITS.length)](text, r);
        versions.push(text);
        assert.deepEqual(parsePython(text, cache), parsePython(text), `${path.relative(ROOT, file)}, edit ${k}`);
      }
    });
  });

  const model = `import torch.nn as nn

class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 16), nn.Sigmoid(), nn.Linear(16, 1))

x = 1

class B(nn.Module):
    def forward(self, x):
        return torch.tanh(x)
`;

  it('keeps the statements an edit did not touch, shifted to their new offsets', () => {
    const cache = new UnitCache();
    const before = parseModule(model, cache);
    const edited = model.replace('nn.Linear(8, 16)', 'nn.Linear(8, 1024)');
    const after = parseModule(edited, cache);
    assert.deepEqual(after, parseModule(edited));
    assert.equal(after.length, before.length);
    const replaced = after.map((s, i) => (s === before[i] ? '' : s.k)).filter(Boolean);
    assert.deepEqual(replaced, ['class'], 'only class A is parsed again');
    assert.equal(after[3], before[3]);
    assert.equal(after[3].from, edited.indexOf('class B'));
  });

  it('keeps nothing of versions before the last', () => {
    const cache = new UnitCache();
    const first = parseModule(model, cache);
    parseModule('y = 2\n', cache);
    const again = parseModule(model, cache);
    assert.ok(again.every((s, i) => s !== first[i]));
  });
});
