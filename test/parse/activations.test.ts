// Activation uses anywhere in a file (for hovers): spelling, form, framework, parameters mapped to
// the core's names, exact ranges, and the gate and attention marks.
import * as assert from 'node:assert/strict';
import type { ActivationUse } from '../../server/model/layerStack';
import { parse } from './helpers';

const PRELUDE = `import math
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import tensorflow as tf
`;

/** The single activation use in `line` (after the imports), with the text its range covers. */
function single(line: string): { use: ActivationUse; text: string } {
  const p = parse(PRELUDE + line + '\n');
  assert.equal(p.model.activations.length, 1, `${line}: ${p.model.activations.map((a) => a.spelling).join(', ')}`);
  const use = p.model.activations[0];
  return { use, text: p.at(use.range) };
}

describe('activation uses: spellings and parameters', () => {
  const cases: [string, Partial<ActivationUse> & { text?: string }][] = [
    ['m = nn.LeakyReLU(0.2, inplace=True)', { id: 'leaky_relu', form: 'module', framework: 'pytorch', spelling: 'nn.LeakyReLU', params: { negative_slope: 0.2 }, text: 'nn.LeakyReLU(0.2, inplace=True)' }],
    ['m = nn.LeakyReLU()', { id: 'leaky_relu', params: { negative_slope: 0.01 }, text: 'nn.LeakyReLU()' }],
    ['m = nn.Softmax(dim=1)', { id: 'softmax', dim: 1, text: 'nn.Softmax(dim=1)' }],
    ['m = nn.Softmax(1)', { id: 'softmax', dim: 1 }],
    ['y = F.softmax(x)', { id: 'softmax', form: 'functional', dim: undefined, text: 'F.softmax(x)' }],
    ['y = F.softmax(x, -1)', { id: 'softmax', dim: -1 }],
    ['y = F.log_softmax(x, dim=self.dim)', { id: 'log_softmax', dim: 'self.dim' }],
    ["m = nn.GELU(approximate='tanh')", { id: 'gelu', params: { approximate: 'tanh' } }],
    ['y = F.elu(x, alpha=0.5)', { id: 'elu', params: { alpha: 0.5 } }],
    ['m = nn.ELU(alpha=a)', { id: 'elu', params: { alpha: 1 }, unknownParams: ['alpha'] }],
    ['m = nn.PReLU(1, 0.1)', { id: 'prelu', params: { weight: 0.1 } }],
    ['m = nn.Hardtanh(-2.0, 2.0)', { id: 'hardtanh', params: { min_val: -2, max_val: 2 } }],
    ['y = torch.tanh(x)', { id: 'tanh', form: 'functional', spelling: 'torch.tanh', text: 'torch.tanh(x)' }],
    ['y = torch.special.expit(x)', { id: 'sigmoid' }],
    ['y = F.relu_(x)', { id: 'relu' }],
    ['y = self.fc(x).sigmoid()', { id: 'sigmoid', form: 'method', spelling: '.sigmoid()', text: 'sigmoid()' }],
    ['p = scores.softmax(dim=-1)', { id: 'softmax', form: 'method', dim: -1 }],
    ['y = tf.nn.leaky_relu(x, alpha=0.1)', { id: 'leaky_relu', framework: 'tensorflow', params: { negative_slope: 0.1 } }],
    ['y = tf.nn.softmax(x, axis=-1)', { id: 'softmax', framework: 'tensorflow', dim: -1 }],
    ['y = tf.sigmoid(x)', { id: 'sigmoid', framework: 'tensorflow' }],
    ["l = tf.keras.layers.Dense(8, activation='selu')", { id: 'selu', form: 'string', framework: 'keras', spelling: "'selu'", text: "'selu'" }],
    ['l = tf.keras.layers.Dense(8, "relu")', { id: 'relu', form: 'string', text: '"relu"' }],
    ['l = tf.keras.layers.Activation(tf.nn.gelu)', { id: 'gelu', form: 'callable', framework: 'tensorflow', text: 'tf.nn.gelu' }],
    ['l = tf.keras.layers.Dense(8, activation=tf.keras.activations.swish)', { id: 'silu', form: 'callable', framework: 'keras' }],
    ["l = nn.TransformerEncoderLayer(512, 8, activation='gelu')", { id: 'gelu', form: 'string', framework: 'pytorch', text: "'gelu'" }],
    ["l = nn.RNN(10, 20, nonlinearity='relu')", { id: 'relu', form: 'string', framework: 'pytorch' }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => {
      const { use, text } = single(line);
      const { text: expectedText, ...fields } = expected;
      for (const [k, v] of Object.entries(fields)) assert.deepEqual(use[k as keyof ActivationUse], v, `${k} of ${line}`);
      if (expectedText !== undefined) assert.equal(text, expectedText);
    });
  }
});

describe('activation uses: what is not one', () => {
  const none = [
    'y = self.relu(x)',
    'y = np.tanh(x)',
    'y = math.tanh(x)',
    'y = x.tanh_like()',
    'def relu(x):\n    return x\ny = relu(3)',
    'l = MyLayer(activation="relu")',
    'ok = isinstance(m, nn.ReLU)',
  ];
  for (const line of none) {
    it(line.split('\n').pop()!, () => assert.deepEqual(parse(PRELUDE + line + '\n').model.activations, []));
  }
});

describe('activation uses: everywhere in the file', () => {
  it('finds activations in tables, helper functions and default arguments, sorted by position', () => {
    const p = parse(`${PRELUDE}ACT2FN = {"relu": F.relu, "gelu": nn.GELU()}

def mlp(x, act=torch.tanh):
    return act(x)

class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)
`);
    assert.deepEqual(p.model.activations.map((a) => [a.spelling, a.form]), [
      ['F.relu', 'callable'], ['nn.GELU', 'module'], ['torch.tanh', 'callable'], ['act', 'functional'], ['torch.sigmoid', 'functional'],
    ]);
  });
});

describe('activation uses: gates', () => {
  const gating: [string, string][] = [
    ['y = x * torch.sigmoid(g)', 'torch.sigmoid'],
    ['y = torch.sigmoid(gate) * h', 'torch.sigmoid'],
    ['y = a * b.sigmoid()', '.sigmoid()'],
    ['y = (1 - torch.sigmoid(z)) * h', 'torch.sigmoid'],
    ['x *= torch.sigmoid(g)', 'torch.sigmoid'],
    ['y = F.gelu(gate) * value', 'F.gelu'],
  ];
  for (const [line, spelling] of gating) {
    it(`${line}: gate`, () => {
      const { use } = single(line);
      assert.equal(use.spelling, spelling);
      assert.equal(use.gating, true);
    });
  }

  it('0.5 * torch.tanh(x): scaling by a constant is not a gate', () => {
    assert.equal(single('y = 0.5 * torch.tanh(x)').use.gating, undefined);
  });

  it('marks the gates of an LSTM cell written by hand, followed through variables', () => {
    const p = parse(`${PRELUDE}
class LSTMCell(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.x2h = nn.Linear(input_size, 4 * hidden_size)
        self.h2h = nn.Linear(hidden_size, 4 * hidden_size)

    def forward(self, x, hidden):
        hx, cx = hidden
        gates = self.x2h(x) + self.h2h(hx)
        ingate, forgetgate, cellgate, outgate = gates.chunk(4, 1)
        ingate = torch.sigmoid(ingate)
        forgetgate = torch.sigmoid(forgetgate)
        cellgate = torch.tanh(cellgate)
        outgate = torch.sigmoid(outgate)
        cy = (forgetgate * cx) + (ingate * cellgate)
        hy = outgate * torch.tanh(cy)
        return hy, cy
`);
    assert.equal(p.model.activations.length, 5);
    assert.ok(p.model.activations.every((a) => a.gating), 'every sigmoid and tanh multiplies another tensor');
    assert.deepEqual(p.model.stacks, [], 'a cell of gates is not a stack of layers');
  });

  it('keeps a GLU gate out of the stack and shows the product as a step', () => {
    const p = parse(`${PRELUDE}
class GLUBlock(nn.Module):
    def __init__(self, d=16):
        super().__init__()
        self.proj = nn.Linear(d, 2 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x):
        a, b = self.proj(x).chunk(2, dim=-1)
        return self.out(a * b.sigmoid())
`);
    const s = p.stack('GLUBlock');
    assert.deepEqual(s.layers.map((l) => `${l.kind} ${l.name}`), ['linear nn.Linear', 'unknown *', 'linear nn.Linear']);
    assert.equal(p.model.activations[0].gating, true);
  });
});

describe('activation uses: attention', () => {
  const attention = [
    'p = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(d), dim=-1)',
    'scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d_k)\nscores = scores.masked_fill(mask == 0, -1e9)\np = scores.softmax(dim=-1)',
    'w = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / tf.math.sqrt(dk), axis=-1)',
    "a = torch.softmax(torch.einsum('bhid,bhjd->bhij', q, k) * scale, dim=-1)",
  ];
  for (const src of attention) {
    it(src.split('\n').pop()!, () => {
      const { use } = single(src);
      assert.equal(use.role, 'attention');
    });
  }

  it('a softmax over a linear layer is an output activation, not attention', () => {
    assert.equal(single('p = F.softmax(self.fc(x), dim=1)').use.role, undefined);
  });
});
