// ACT020, ACT031 and ACT040 on hand-built models.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/analysis/analyze';
import { act, dense, findings, layer, model, stack, summary, use } from './build';

describe('ACT020 linear-hidden-stack', () => {
  it('reports affine layers separated only by linear layers, once per run', () => {
    const s = stack([dense(1), layer('dropout', 'nn.Dropout', 2), layer('normalization', 'nn.BatchNorm1d', 3), dense(4), layer('reshape', 'nn.Flatten', 5), dense(6), act('relu', 7), dense(8)]);
    const [f, ...rest] = findings(model(s), 'ACT020');
    assert.equal(rest.length, 0);
    assert.equal(f.range.start.line, 1);
    assert.match(f.message, /^3 affine layers in a row \(nn\.Linear → nn\.Linear → nn\.Linear\)/);
    assert.deepEqual(f.related?.map((r) => r.range.start.line), [4, 6]);
  });

  it('counts average pooling as linear and max pooling as a nonlinearity', () => {
    const conv = (line: number) => layer('conv', 'nn.Conv2d', line);
    assert.equal(findings(model(stack([conv(1), layer('pooling', 'nn.AvgPool2d', 2), conv(3)])), 'ACT020').length, 1);
    assert.equal(findings(model(stack([conv(1), layer('pooling', 'nn.AdaptiveAvgPool2d', 2), conv(3)])), 'ACT020').length, 1);
    assert.deepEqual(findings(model(stack([conv(1), layer('pooling', 'nn.MaxPool2d', 2), conv(3)])), 'ACT020'), []);
  });

  it('reports a Dense without activation before a fused one (they compose before the activation)', () => {
    const s = stack([dense(1, 128, undefined, 'keras'), dense(2, 10, 'softmax', 'keras')], { framework: 'keras' });
    assert.deepEqual(summary(findings(model(s))), ['ACT020@1']);
  });

  it('stays silent on a final projection, attention, recurrence and unknown layers in between', () => {
    assert.deepEqual(findings(model(stack([dense(1), act('relu', 2), dense(3)]))), []);
    for (const kind of ['attention', 'recurrent', 'unknown', 'embedding', 'residual'] as const) {
      assert.deepEqual(findings(model(stack([dense(1), layer(kind, 'block', 2), dense(3)])), 'ACT020'), [], kind);
    }
  });
});

describe('ACT031 double-activation', () => {
  it('reports two activations in a row at the second', () => {
    const [f] = findings(model(stack([dense(1), act('relu', 2), act('sigmoid', 3)])), 'ACT031');
    assert.equal(f.range.start.line, 3);
    assert.match(f.message, /^sigmoid directly after relu: two activations in a row/);
    assert.equal(f.unnecessary, undefined);
  });

  it('marks a second activation that leaves the first one\'s outputs unchanged as unnecessary', () => {
    const cases: [string, string][] = [['relu', 'relu'], ['relu6', 'relu'], ['hardtanh', 'hardtanh'], ['sigmoid', 'relu']];
    for (const [a, b] of cases) {
      const [f] = findings(model(stack([dense(1), act(a, 2), act(b, 3)])), 'ACT031');
      assert.equal(f.unnecessary, true, `${a} then ${b}`);
      assert.match(f.message, /does nothing/);
    }
    // relu then relu6 clips at 6, hardtanh(max_val=50) at 50: not the identity on relu's range.
    assert.equal(findings(model(stack([dense(1), act('relu', 2), act('relu6', 3)])), 'ACT031')[0].unnecessary, undefined);
    const clipAt50 = act('hardtanh', 3, { params: { min_val: 0, max_val: 50 } });
    assert.equal(findings(model(stack([dense(1), act('relu', 2), clipAt50])), 'ACT031')[0].unnecessary, undefined);
  });

  it('reports a fused activation followed by an activation layer', () => {
    const s = stack([dense(1, 32, 'relu', 'keras'), act('relu', 2, { framework: 'keras' })], { framework: 'keras' });
    assert.deepEqual(summary(findings(model(s))), ['ACT031@2']);
  });

  it('stays silent on gates, the Mish composition and layers in between', () => {
    assert.deepEqual(findings(model(stack([dense(1), act('tanh', 2, { gating: true }), act('sigmoid', 3)])), 'ACT031'), []);
    assert.deepEqual(findings(model(stack([dense(1), act('softplus', 2), act('tanh', 3)])), 'ACT031'), []);
    assert.deepEqual(findings(model(stack([dense(1), act('relu', 2), layer('normalization', 'nn.BatchNorm1d', 3), act('relu', 4)])), 'ACT031'), []);
  });

  it('does not call parameters it cannot read redundant', () => {
    const s = stack([dense(1), act('hardtanh', 2), act('hardtanh', 3, { unknownParams: ['max_val'] })]);
    assert.equal(findings(model(s), 'ACT031')[0].unnecessary, undefined);
  });
});

describe('ACT040 softmax-implicit-dim', () => {
  const withUse = (u: ReturnType<typeof use>) => ({ stacks: [], activations: [u], losses: [] });

  it('reports PyTorch softmax-family uses without dim', () => {
    for (const id of ['softmax', 'log_softmax', 'softmin']) {
      assert.equal(findings(withUse(use(id, 3, { spelling: `F.${id}`, form: 'functional' })), 'ACT040').length, 1, id);
    }
  });

  it('says that torch.softmax and Tensor.softmax raise instead of guessing', () => {
    const [f] = findings(withUse(use('softmax', 3, { spelling: 'torch.softmax', form: 'functional' })), 'ACT040');
    assert.match(f.message, /raises a TypeError/);
    const [g] = findings(withUse(use('softmax', 3, { spelling: 'nn.Softmax' })), 'ACT040');
    assert.match(g.message, /infers the axis from the input's rank/);
  });

  it('stays silent with a dim, on Keras, and on other activations', () => {
    assert.deepEqual(findings(withUse(use('softmax', 3, { dim: -1 })), 'ACT040'), []);
    assert.deepEqual(findings(withUse(use('softmax', 3, { framework: 'keras', form: 'string' })), 'ACT040'), []);
    assert.deepEqual(findings(withUse(use('relu', 3)), 'ACT040'), []);
  });
});

describe('ACT020 across layer lists', () => {
  it('does not join the last layer of one nn.Sequential to the first of the next (encoder → decoder)', () => {
    const text = [
      'import torch.nn as nn',
      '',
      'class AE(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.encoder = nn.Sequential(nn.Linear(784, 64), nn.ReLU(True), nn.Linear(64, 3))',
      '        self.decoder = nn.Sequential(nn.Linear(3, 64), nn.ReLU(True), nn.Linear(64, 784), nn.Tanh())',
      '',
      '    def forward(self, x):',
      '        return self.decoder(self.encoder(x))',
      '',
    ].join('\n');
    const result = analyze({ text, path: 'ae.py' });
    assert.ok(result.model.stacks.some((s) => s.layers.filter((l) => l.kind === 'linear').length === 4), 'the parser joins encoder and decoder');
    assert.deepEqual(result.findings, []);
    // Joined into one list, 64 → 3 → 64 is a linear bottleneck (the middle narrower than both sides):
    // a deliberate low-rank code, so it stays silent. A middle as wide as a side still fires.
    const joinedText = text.replace('nn.Linear(64, 3))\n        self.decoder = nn.Sequential(nn.Linear(3, 64),', 'nn.Linear(64, 3),\n            nn.Linear(3, 64),');
    assert.deepEqual(summary(analyze({ text: joinedText, path: 'ae.py' }).findings), []);
    const widened = analyze({ text: joinedText.replace('nn.Linear(64, 3),\n            nn.Linear(3, 64),', 'nn.Linear(64, 64),\n            nn.Linear(64, 64),'), path: 'ae.py' });
    assert.deepEqual(summary(widened.findings), ['ACT020@5']);
  });
});
