// Dict displays: their syntax, string-key lookups in the evaluator, and the TF1 weight
// dictionaries (aymericdamien's tutorials) whose entries carry their weights' shapes and draws.
import * as assert from 'node:assert/strict';
import { stackGradient, type ChainLink } from '../../server/analysis/stackGradient';
import type { LayerStack } from '../../server/model/layerStack';
import type { Expr, Stmt } from '../../server/parse/python/ast';
import { parseUnit } from '../../server/parse/python/syntax';
import { layersOf, parse } from './helpers';

function valueOf(source: string): Expr {
  const [s] = parseUnit(source, 0, new Map()) as Stmt[];
  assert.equal(s.k, 'assign');
  return (s as Extract<Stmt, { k: 'assign' }>).value;
}

const widths = (stack: LayerStack) => stack.layers.filter((l) => l.kind === 'linear').map((l) => `${l.inFeatures}→${l.units}`);
const chainOf = (stack: LayerStack): ChainLink[] => stack.layers.flatMap((l, index) => (l.activation && l.activation.id !== 'softmax' ? [{ index, use: l.activation }] : []));

/** A TF1 model function over module-level dictionaries; `extra` runs between the dictionaries and the model. */
const tf1 = (out: string, extra = '') => `import tensorflow as tf
X = tf.placeholder("float", [None, 784])
weights = {
    'h1': tf.Variable(tf.random_normal([784, 256])),
    'out': tf.Variable(tf.random_normal([256, ${out}])),
}
biases = {'b1': tf.Variable(tf.random_normal([256])), 'out': tf.Variable(tf.random_normal([${out}]))}
${extra}
def net(x):
    h = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['h1']), biases['b1']))
    return tf.matmul(h, weights['out']) + biases['out']
`;

describe('dict displays', () => {
  it('converts keys and values in source order; a **spread is an entry without a key', () => {
    const d = valueOf(`d = {'a': f(x), "b" 'c': 2, **rest}`);
    assert.equal(d.k, 'dict');
    const entries = (d as Extract<Expr, { k: 'dict' }>).entries.map((e) => `${e.key?.k === 'str' ? e.key.value : '**'}:${e.value.k}`);
    assert.deepEqual(entries, ['a:call', 'bc:num', '**:name']);
  });

  it('leaves a dict still being typed as an opaque node whose calls walks still reach', () => {
    const d = valueOf(`d = {'a': nn.ReLU(), 'b': }`);
    assert.equal(d.k, 'other');
    assert.ok((d as Extract<Expr, { k: 'other' }>).children.some((c) => c.k === 'call'));
  });

  it('looks entries up by string key: widths and draws of TF1 weights reach the layers', () => {
    const stack = parse(tf1('10')).stack('net');
    assert.deepEqual(layersOf(stack), ['linear tf.matmul', 'activation tf.nn.sigmoid→sigmoid', 'linear tf.matmul']);
    assert.deepEqual(widths(stack), ['784→256', '256→10']);
    assert.equal(stack.layers[0].init?.weight?.source, 'tf.random_normal');
    assert.equal(stack.layers[0].init?.bias?.source, 'tf.random_normal');
  });

  it('updates an entry written through a subscript, also under a key held in a variable', () => {
    const stack = parse(tf1('1', `key = 'out'\nweights[key] = tf.Variable(tf.random_normal([256, 10]))`)).stack('net');
    assert.deepEqual(widths(stack), ['784→256', '256→10']);
  });

  it('knows nothing of a key it cannot name, nor of any entry once a key it cannot name is written or update() is called', () => {
    const unknownKey = parse(tf1('10').replace(`weights['out']`, `weights[name]`)).stack('net');
    assert.deepEqual(widths(unknownKey), ['784→256', 'undefined→undefined']);
    const written = parse(tf1('10', `weights[name] = tf.Variable(tf.zeros([256, 1]))`)).stack('net');
    assert.deepEqual(widths(written), ['undefined→undefined', 'undefined→undefined']);
    const updated = parse(tf1('10', `weights.update(pretrained)`)).stack('net');
    assert.deepEqual(widths(updated), ['undefined→undefined', 'undefined→undefined']);
  });

  it('takes a **spread of a dict it knows in full, and knows nothing after one it does not', () => {
    const known = parse(tf1('10').replace(`weights = {`, `base = {'h1': tf.Variable(tf.random_normal([784, 64]))}\nweights = {**base,`)).stack('net');
    assert.deepEqual(widths(known), ['784→256', '256→10'], 'later entries replace the spread ones');
    const unknown = parse(tf1('10').replace(`    'out': tf.Variable(tf.random_normal([256, 10])),`, `    'out': tf.Variable(tf.random_normal([256, 10])),\n    **loaded,`)).stack('net');
    assert.deepEqual(widths(unknown), ['undefined→undefined', 'undefined→undefined']);
  });

  it('reads get() with and without a default; a missing key is not a weight', () => {
    const stack = parse(tf1('10').replace(`weights['h1']`, `weights.get('h1')`).replace(`weights['out']`, `weights.get('w_out', weights['out'])`)).stack('net');
    assert.deepEqual(widths(stack), ['784→256', '256→10']);
    const missing = parse(tf1('10').replace(`weights['out']`, `weights['w_out']`)).stack('net');
    assert.deepEqual(widths(missing), ['784→256', 'undefined→undefined']);
  });

  // The module's only call passes the dictionaries: the function's stack is built with them
  // (moduleCalls.ts; more cases in functionArguments.test.ts).
  it('reads the widths of dictionaries a model function takes as arguments (def net(x, weights, biases))', () => {
    const p = parse(`import tensorflow as tf
X = tf.placeholder("float", [None, 784])
weights = {'h1': tf.Variable(tf.random_normal([784, 256])), 'out': tf.Variable(tf.random_normal([256, 10]))}
biases = {'b1': tf.Variable(tf.random_normal([256])), 'out': tf.Variable(tf.random_normal([10]))}
def net(x, weights, biases):
    h = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['h1']), biases['b1']))
    return tf.matmul(h, weights['out']) + biases['out']
logits = net(X, weights, biases)
`);
    assert.deepEqual(layersOf(p.stack('net')), ['linear tf.matmul', 'activation tf.nn.sigmoid→sigmoid', 'linear tf.matmul']);
    assert.deepEqual(widths(p.stack('net')), ['784→256', '256→10']);
  });

  it('gives aymericdamien\'s dict-weight MLP its gradient figure: N(0, 1) draws keep ~6% at the first sigmoid', () => {
    const stack = parse(tf1('10').replace(`'out': tf.Variable(tf.random_normal([256, 10])),`, `'h2': tf.Variable(tf.random_normal([256, 256])),\n    'out': tf.Variable(tf.random_normal([256, 10])),`)
      .replace(`biases = {'b1': tf.Variable(tf.random_normal([256])),`, `biases = {'b1': tf.Variable(tf.random_normal([256])), 'b2': tf.Variable(tf.random_normal([256])),`)
      .replace(`    return tf.matmul(h, weights['out'])`, `    h = tf.nn.sigmoid(tf.add(tf.matmul(h, weights['h2']), biases['b2']))\n    return tf.matmul(h, weights['out'])`)).stack('net');
    const g = stackGradient(stack, chainOf(stack))!;
    assert.ok(g, 'a figure is made');
    // PyTorch (scripts/measure/tf1_draws.py): RMS ratio 0.0600 at the first link, 0.0769 at the second.
    assert.ok(Math.abs(g.typical[0] - 0.06) < 0.002, `${g.typical[0]}`);
    assert.ok(Math.abs(g.typical[1] - 0.0769) < 0.003, `${g.typical[1]}`);
  });

  it('reads the losses of a per-output loss dict, not its output names', () => {
    const p = parse(`from tensorflow import keras
model.compile(optimizer="adam", loss={"binary_crossentropy": "mse", "churn": "binary_crossentropy"})
`);
    assert.deepEqual(p.model.losses.map((l) => l.name), ['"mse"', '"binary_crossentropy"']);
  });

  it('keeps tables of activations and module dicts as before', () => {
    const p = parse(`import torch.nn as nn
import torch.nn.functional as F
ACT2FN = {"relu": F.relu, "gelu": F.gelu, **EXTRA}
class Block(nn.Module):
    def __init__(self, act):
        super().__init__()
        self.layers = nn.ModuleDict({'fc': nn.Linear(8, 8), 'act': nn.Tanh()})
        self.act = ACT2FN[act]
    def forward(self, x):
        return self.act(self.layers['fc'](x))
`);
    assert.deepEqual(p.model.activations.map((u) => u.spelling), ['F.relu', 'F.gelu', 'nn.Tanh']);
  });
});
