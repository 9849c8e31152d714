// A model function of the file evaluated on its own with the arguments module-level code passes
// it (moduleCalls.ts): TF1's `multilayer_perceptron(x, weights, biases)` and `conv_net(...)`,
// whose weight dictionaries are module-level dicts handed over as arguments.
import * as assert from 'node:assert/strict';
import { stackGradient, type ChainLink } from '../../server/analysis/stackGradient';
import type { LayerStack } from '../../server/model/layerStack';
import { layersOf, parse } from './helpers';

const widths = (stack: LayerStack) => stack.layers.filter((l) => l.kind === 'linear').map((l) => `${l.inFeatures}→${l.units}`);
const chainOf = (stack: LayerStack): ChainLink[] => stack.layers.flatMap((l, index) => (l.activation ? [{ index, use: l.activation }] : []));

/** aymericdamien's TF1 MLP with its dictionaries as parameters; `calls` is the module code that uses it. */
const mlp = (calls: string) => `import tensorflow as tf
X = tf.placeholder("float", [None, 784])
Y = tf.placeholder("float", [None, 10])
weights = {
    'h1': tf.Variable(tf.random_normal([784, 256])),
    'h2': tf.Variable(tf.random_normal([256, 256])),
    'out': tf.Variable(tf.random_normal([256, 10])),
}
biases = {
    'b1': tf.Variable(tf.random_normal([256])),
    'b2': tf.Variable(tf.random_normal([256])),
    'out': tf.Variable(tf.random_normal([10])),
}
other = {'h1': tf.Variable(tf.zeros([784, 32])), 'h2': tf.Variable(tf.zeros([32, 32])), 'out': tf.Variable(tf.zeros([32, 10]))}
def multilayer_perceptron(x, weights, biases):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['h1']), biases['b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['h2']), biases['b2']))
    return tf.matmul(layer_2, weights['out']) + biases['out']
${calls}
`;

const LAYERS = ['linear tf.matmul', 'activation tf.nn.sigmoid→sigmoid', 'linear tf.matmul', 'activation tf.nn.sigmoid→sigmoid', 'linear tf.matmul'];
const LOSS = 'cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=pred, labels=Y))';

describe('model functions evaluated with their module-level arguments', () => {
  it('reads widths and draws from the dictionaries the train and test calls pass, one stack for both', () => {
    const p = parse(mlp(`pred = multilayer_perceptron(X, weights, biases)\ntest_pred = multilayer_perceptron(X, weights, biases)\n${LOSS}`));
    assert.deepEqual(p.model.stacks.map((s) => s.name), ['multilayer_perceptron']);
    const stack = p.stack('multilayer_perceptron');
    assert.deepEqual(layersOf(stack), LAYERS);
    assert.deepEqual(widths(stack), ['784→256', '256→256', '256→10']);
    assert.equal(stack.loss?.name, 'tf.nn.softmax_cross_entropy_with_logits');
    // The same figures as the module-level dictionaries read directly (dicts.test.ts; PyTorch 0.0600, 0.0769).
    const g = stackGradient(stack, chainOf(stack))!;
    assert.ok(g, 'a figure is made');
    assert.ok(Math.abs(g.typical[0] - 0.06) < 0.002, `${g.typical[0]}`);
    assert.ok(Math.abs(g.typical[1] - 0.0769) < 0.003, `${g.typical[1]}`);
  });

  it('binds keyword arguments by name', () => {
    const p = parse(mlp(`pred = multilayer_perceptron(X, biases=biases, weights=weights)\n${LOSS}`));
    assert.deepEqual(widths(p.stack('multilayer_perceptron')), ['784→256', '256→256', '256→10']);
  });

  it('binds nothing where the calls pass different dictionaries: which one the stack has is not known', () => {
    const p = parse(mlp(`pred = multilayer_perceptron(X, weights, biases)\nsmall = multilayer_perceptron(X, other, biases)\n${LOSS}`));
    assert.deepEqual(p.model.stacks.map((s) => s.name), ['multilayer_perceptron']);
    assert.deepEqual(layersOf(p.stack('multilayer_perceptron')), LAYERS);
    assert.deepEqual(widths(p.stack('multilayer_perceptron')), ['undefined→undefined', 'undefined→undefined', 'undefined→undefined']);
  });

  it('binds nothing from a call that spreads its arguments', () => {
    const p = parse(mlp(`args = [weights, biases]\npred = multilayer_perceptron(X, *args)\nmore = multilayer_perceptron(X, **params)\n${LOSS}`));
    assert.deepEqual(widths(p.stack('multilayer_perceptron')), ['undefined→undefined', 'undefined→undefined', 'undefined→undefined']);
  });

  it('binds nothing from calls inside other functions (they run with parameters of their own)', () => {
    const p = parse(mlp(`def main(x, w):\n    return multilayer_perceptron(x, w, biases)\npred = main(X, weights)\n${LOSS}`));
    assert.deepEqual(widths(p.stack('multilayer_perceptron')), ['undefined→undefined', 'undefined→undefined', 'undefined→undefined']);
  });

  it('keeps the layers before the call out of the function\'s stack: data arguments are its own inputs', () => {
    const p = parse(`import tensorflow as tf
X = tf.placeholder("float", [None, 784])
Y = tf.placeholder("float", [None, 10])
head_w = {'out': tf.Variable(tf.random_normal([64, 10], stddev=0.1))}
def head(features, w):
    return tf.matmul(features, w['out'])
h = tf.layers.dense(X, 64, activation=tf.nn.relu)
logits = head(h, head_w)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
`);
    assert.deepEqual(layersOf(p.stack('head')), ['linear tf.matmul']);
    assert.deepEqual(widths(p.stack('head')), ['64→10']);
  });

  it('reads a width passed as a number', () => {
    const p = parse(`import tensorflow as tf
X = tf.placeholder("float", [None, 20])
def classifier(x, hidden, classes):
    h = tf.layers.dense(x, hidden, activation=tf.nn.tanh)
    return tf.layers.dense(h, classes)
logits = classifier(X, 48, 3)
`);
    assert.deepEqual(p.stack('classifier').layers.filter((l) => l.kind === 'linear').map((l) => l.units), [48, 3]);
  });
});
