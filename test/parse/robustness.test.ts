// Any input: half-typed code keeps its complete stacks; binary, huge and pathologically nested
// input never throws and stays within a time bound; ranges stay inside the document.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocumentModel, Range } from '../../server/model/layerStack';
import { topLevelChunks } from '../../server/parse/python/chunks';
import { MAX_CHARS } from '../../server/parse/python/guard';
import { parseModule } from '../../server/parse/python/units';
import { parsePython } from '../../server/parse/python';
import { layersOf, parse } from './helpers';

function timed(text: string): { model: DocumentModel; ms: number } {
  const t0 = performance.now();
  const model = parsePython(text);
  return { model, ms: performance.now() - t0 };
}

function rangesOf(m: DocumentModel): Range[] {
  return [
    ...m.activations.map((a) => a.range),
    ...m.losses.map((l) => l.range),
    ...m.stacks.flatMap((s) => [s.range, ...s.layers.flatMap((l) => [l.range, ...(l.activationArgRange ? [l.activationArgRange] : [])])]),
  ];
}

function assertInside(text: string, m: DocumentModel): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const r of rangesOf(m)) {
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line}`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} of line ${p.line}`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
  }
}

const COMPLETE = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)
`;

describe('half-typed code', () => {
  it('keeps the complete stacks before a model whose last line is `nn.Linear(12`', () => {
    const p = parse(`${COMPLETE}
class Typing(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(12`);
    assert.deepEqual(p.model.stacks.map((s) => s.name), ['Net']);
    assert.deepEqual(layersOf(p.stack('Net')), ['linear nn.Linear', 'activation nn.ReLU→relu', 'linear nn.Linear', 'activation nn.Sigmoid→sigmoid']);
  });

  it('builds nothing from a Sequential whose closing parenthesis is not typed yet', () => {
    const p = parse(`import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
other = nn.Sequential(nn.Linear(4, 4), nn.Linear(12
`);
    assert.deepEqual(p.model.stacks.map((s) => s.name), ['model']);
  });

  it('takes a layer being typed as unknown, not as a Dense without activation', () => {
    const p = parse(`from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential
model = Sequential()
model.add(Dense(64, activation="relu"))
model.add(Dense(1, activation="sig`);
    const s = p.stack('model');
    assert.deepEqual(s.layers.map((l) => l.kind), ['linear', 'unknown']);
  });

  it('survives every prefix of a model file', () => {
    for (let cut = 0; cut <= COMPLETE.length; cut += 7) {
      const text = COMPLETE.slice(0, cut);
      const m = parsePython(text);
      assert.equal(m.skipped, undefined);
      assertInside(text, m);
    }
  });
});

describe('positions', () => {
  it('counts columns in UTF-16 code units and reads \\r\\n files as \\n ones', () => {
    const text = '# ünïcödé\nimport torch.nn as nn\ny = "😀"; z = nn.ReLU()\n';
    const p = parse(text);
    assert.deepEqual(p.model.activations[0].range, { start: { line: 2, character: 14 }, end: { line: 2, character: 23 } });
    const crlf = parsePython(COMPLETE.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf, parsePython(COMPLETE));
  });
});

describe('long modules', () => {
  it('parses a class after hundreds of top-level loops and imports (lezer misparses that in one piece)', () => {
    const text = 'for a in b:\n    c = d\nimport e\n\n'.repeat(600) + COMPLETE;
    assert.deepEqual(parse(text).model.stacks.map((s) => s.name), ['Net']);
  });

  it('cuts pieces only between whole statements: not after a decorator, before else, or inside brackets', () => {
    const unit = '@decorator\ndef f(x):\n    return x\nif a:\n    b = 1\nelse:\n    b = 2\nz = [\n1]\ns = """\nx\n"""\n';
    const text = unit.repeat(3000);
    const starts = topLevelChunks(text);
    assert.equal(starts.length, 4 * 3000, 'one piece per statement, a decorated one starting at its decorator');
    for (const start of starts.slice(1)) {
      assert.equal(text[start - 1], '\n');
      assert.match(text.slice(start, start + 10), /^(@decorator|if a:|z = \[|s = """)/);
    }
    const statements = parseModule(text);
    assert.equal(statements.length, 4 * 3000);
    assert.deepEqual([...new Set(statements.map((s) => s.k))].sort(), ['assign', 'def', 'if']);
  });
});

describe('hostile input', () => {
  it('skips binary content with a reason', () => {
    const m = parsePython('import torch\n\0\x01\x02binary');
    assert.match(m.skipped ?? '', /binary/);
    assert.deepEqual(m.stacks, []);
  });

  it('skips documents over the size limit with a reason', () => {
    const m = parsePython('x = 1\n'.repeat(Math.ceil(MAX_CHARS / 6) + 1));
    assert.match(m.skipped ?? '', /larger/);
  });

  it('cuts brackets nested 100,000 deep, keeping the code before them, in bounded time', () => {
    for (const nest of ['('.repeat(100_000) + '1' + ')'.repeat(100_000), 'f('.repeat(100_000), '['.repeat(100_000)]) {
      const text = `${COMPLETE}x = ${nest}\n`;
      const { model, ms } = timed(text);
      assert.ok(ms < 2000, `${ms} ms`);
      assert.deepEqual(model.stacks.map((s) => s.name), ['Net']);
    }
  });

  it('handles long operator and attribute chains, deep indentation and recursion', () => {
    const inputs = [
      'x = ' + Array(20_000).fill('1').join(' + '),
      'x = a' + '.b'.repeat(20_000),
      Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'if x:').join('\n') + '\n' + ' '.repeat(2000) + 'pass\n',
      'def f(x):\n    return f(g(x))\ny = f(1)\n',
      'class A:\n    def __init__(self):\n        self.a = A()\n    def forward(self, x):\n        return self.a(x)\nm = A()\nm(3)\n',
    ];
    for (const text of inputs) {
      const { model, ms } = timed(text);
      assert.ok(ms < 2000, `${ms} ms`);
      assertInside(text, model);
    }
  });

  it('stays bounded when every module calls the one before it twice', () => {
    const classes = ['import torch.nn as nn', 'class M0(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n    def forward(self, x):\n        return self.fc(x)'];
    for (let i = 1; i <= 25; i++) {
      classes.push(`class M${i}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = M${i - 1}()\n        self.b = M${i - 1}()\n    def forward(self, x):\n        return self.b(self.a(x)) + self.a(x)`);
    }
    const { ms } = timed(classes.join('\n\n') + '\n');
    assert.ok(ms < 3000, `${ms} ms`);
  });

  it('never throws on random Python-like token soup, and keeps ranges inside the text', () => {
    const token = fc.constantFrom(
      'nn.Linear(', 'nn.Sequential(', 'Dense(', 'torch.sigmoid(', ')', '(', '[', ']', ',', ':', '\n', '\n    ', '=', 'x', 'self.', 'def f',
      'class C(nn.Module)', 'return ', 'for i in range(3)', 'if x', ' * ', ' + ', ' @ ', '"relu"', 'activation=', '3', '0.2', '#', "'", '"""',
      'import torch.nn as nn\n', 'model.add(', 'lambda', '**', '*', '\r\n', 'é', '😀',
    );
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
      const text = tokens.join('');
      const m = parsePython(text);
      assert.equal(m.skipped, undefined);
      assertInside(text, m);
    }), { numRuns: 300 });
  });
});

describe('speed', () => {
  it('parses and extracts a 10,000-line file of realistic models within a generous bound', () => {
    const unit = COMPLETE + `
class Block(nn.Module):
    def __init__(self, d=64, n=4):
        super().__init__()
        self.ln = nn.LayerNorm(d)
        self.ff = nn.ModuleList([nn.Linear(d, d) for _ in range(n)])

    def forward(self, x):
        h = self.ln(x)
        for layer in self.ff:
            h = torch.relu(layer(h))
        return x + h

model = Net()
criterion = nn.BCELoss()
for xb, yb in loader:
    loss = criterion(model(xb), yb)
`;
    const copies: string[] = [];
    let lines = 0;
    for (let i = 0; lines < 10_000; i++) {
      const copy = unit.replace(/\bNet\b/g, `Net${i}`).replace(/\bBlock\b/g, `Block${i}`);
      copies.push(copy);
      lines += copy.split('\n').length - 1;
    }
    const text = copies.join('');
    parsePython(text); // warm-up: the first run includes JIT compilation
    const { model, ms } = timed(text);
    assert.equal(model.stacks.length, 2 * copies.length);
    assert.ok(model.stacks.filter((s) => s.loss).length === copies.length);
    // Measured about 0.1 s here; the bound catches a blow-up, not a slow machine.
    assert.ok(ms < 3000, `${ms} ms for ${lines} lines`);
  });
});
