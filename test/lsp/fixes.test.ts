import * as assert from 'node:assert/strict';
import { analyze } from '../../server/analysis/analyze';
import { DEFAULT_LIMITS } from '../../server/analysis/limits';
import { codeActions } from '../../server/lsp/codeActions';
import { toDiagnostic } from '../../server/lsp/diagnostics';
import type { DocumentAnalysis } from '../../server/lsp/documentAnalysis';
import { nonOverlappingEdits } from '../../server/lsp/fixes';
import type { Fix } from '../../server/rules/types';
import { applyEdits } from './client';

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const fix = (title: string, ...edits: [ReturnType<typeof r>, string][]): Fix => ({ title, edits: edits.map(([range, newText]) => ({ range, newText })) });

describe('lsp: fix-all edit selection', () => {
  it('takes every fix when none overlap, in document order', () => {
    const a = fix('a', [r(5, 0, 5, 4), 'A']);
    const b = fix('b', [r(1, 0, 1, 4), 'B'], [r(9, 0, 9, 1), 'B2']);
    assert.deepEqual(nonOverlappingEdits([a, b]).map((e) => e.newText), ['B', 'B2', 'A']);
  });

  it('drops a whole fix when any of its edits overlaps one already taken', () => {
    const a = fix('a', [r(1, 0, 1, 10), 'A']);
    const b = fix('b', [r(3, 0, 3, 2), 'B'], [r(1, 5, 1, 6), 'B2']);
    assert.deepEqual(nonOverlappingEdits([a, b]).map((e) => e.newText), ['A']);
  });

  it('lets adjacent replacements through but not two insertions at one point', () => {
    const a = fix('a', [r(1, 0, 1, 5), 'A']);
    const b = fix('b', [r(1, 5, 1, 9), 'B']);
    assert.equal(nonOverlappingEdits([a, b]).length, 2);
    const i1 = fix('i1', [r(2, 3, 2, 3), 'x']);
    const i2 = fix('i2', [r(2, 3, 2, 3), 'y']);
    assert.equal(nonOverlappingEdits([i1, i2]).length, 1);
  });
});

describe('lsp: suggestions (ACT001, ACT002)', () => {
  const uri = 'file:///virtual/model.py';
  const documentAnalysis = (text: string): DocumentAnalysis => {
    const { model, findings } = analyze({ text, path: 'model.py' });
    return { uri, version: 1, settings: { enable: true, analysis: {}, exclude: [], skipFolders: [], limits: DEFAULT_LIMITS, plotLink: true, codeLens: true }, model, findings };
  };
  const suggested = (text: string, code: string): string[] =>
    analyze({ text, path: 'model.py' }).findings.filter((f) => f.code === code).map((f) => (f.suggestion ? applyEdits(text, f.suggestion.edits) : 'none'));

  const mlp = (act: string) => `import torch.nn as nn

net = nn.Sequential(
    nn.Linear(784, 256), ${act},
    nn.Linear(256, 256), ${act},
    nn.Linear(256, 256), ${act},
    nn.Linear(256, 10),
)
`;

  it('replaces every saturating activation of an ACT001 stack with ReLU, once per spelling', () => {
    const text = mlp('nn.Sigmoid()');
    const [f] = analyze({ text, path: 'model.py' }).findings.filter((x) => x.code === 'ACT001');
    assert.equal(f.suggestion?.title, 'Replace sigmoid with ReLU (changes the model)');
    assert.equal(applyEdits(text, f.suggestion!.edits), mlp('nn.ReLU()'));
    const loop = `import torch.nn as nn

layers = []
for _ in range(4):
    layers += [nn.Linear(256, 256), nn.Tanh()]
net = nn.Sequential(*layers, nn.Linear(256, 10))
`;
    assert.deepEqual(suggested(loop.replace('nn.Tanh()', 'nn.Sigmoid()'), 'ACT001'), [loop.replace('nn.Tanh()', 'nn.ReLU()')]);
  });

  it('rewrites each form in its own spelling (ACT002)', () => {
    const cases: [string, string][] = [
      ['x = torch.sigmoid(self.fc1(x))', 'x = torch.relu(self.fc1(x))'],
      ['x = F.sigmoid(self.fc1(x))', 'x = F.relu(self.fc1(x))'],
      ['x = self.fc1(x).sigmoid()', 'x = self.fc1(x).relu()'],
    ];
    for (const [before, after] of cases) {
      const text = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        ${before}
        return self.fc2(x)
`;
      assert.deepEqual(suggested(text, 'ACT002'), [text.replace(before, after)], before);
    }
    const keras = (hidden: string) => `from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(64, activation=${hidden}), keras.layers.Dense(10, activation="softmax")])
`;
    assert.deepEqual(suggested(keras('"sigmoid"'), 'ACT002'), [keras('"relu"')]);
    assert.deepEqual(suggested(keras("'sigmoid'"), 'ACT002'), [keras("'relu'")]);
    assert.deepEqual(suggested(keras('keras.activations.sigmoid'), 'ACT002'), [keras('keras.activations.relu')]);
  });

  it('suggests GELU where the file already uses GELU, and nothing where the rewrite is not known to be right', () => {
    const gelu = mlp('nn.Sigmoid()').replace('nn.Linear(256, 10),', 'nn.Linear(256, 10), nn.GELU(), nn.Linear(10, 10),');
    assert.deepEqual(suggested(gelu, 'ACT001'), [gelu.replaceAll('nn.Sigmoid()', 'nn.GELU()')]);
    // Hardtanh's bounds are arguments ReLU does not take: none for the stack, rather than a partial one.
    const hardtanh = mlp('nn.Sigmoid()').replace('nn.Linear(784, 256), nn.Sigmoid(),', 'nn.Linear(784, 256), nn.Hardtanh(-1.0, 1.0),\n    nn.Linear(256, 256), nn.Sigmoid(),');
    assert.deepEqual(suggested(hardtanh, 'ACT001'), ['none']);
    // A bare imported name may have no relu beside it.
    const bare = `import torch.nn as nn
from torch import sigmoid


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(sigmoid(self.fc1(x)))
`;
    assert.deepEqual(suggested(bare, 'ACT002'), ['none']);
  });

  it('offers the suggestion as a quick fix that is not preferred and stays out of fix-all', () => {
    const text = mlp('nn.Sigmoid()');
    const analysis = documentAnalysis(text);
    const diagnostics = analysis.findings.map((f) => toDiagnostic(f, uri, 1));
    const range = diagnostics[0].range;
    const actions = codeActions({ textDocument: { uri }, range, context: { diagnostics } }, analysis, text);
    const suggestion = actions.find((a) => a.title === 'Replace sigmoid with ReLU (changes the model) (ACT001)');
    assert.ok(suggestion, actions.map((a) => a.title).join(', '));
    assert.equal(suggestion.kind, 'quickfix');
    assert.notEqual(suggestion.isPreferred, true);
    assert.equal(applyEdits(text, suggestion.edit!.changes![uri]), mlp('nn.ReLU()'));
    const fixAll = codeActions({ textDocument: { uri }, range, context: { diagnostics, only: ['source.fixAll'] } }, analysis, text);
    assert.deepEqual(fixAll, []);
  });
});
