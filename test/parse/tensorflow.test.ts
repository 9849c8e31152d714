// TensorFlow without Keras layers: tf.nn/tf.math activation spellings with TensorFlow's defaults,
// TF1 tf.layers / tf.contrib.layers / hand-written layers, tf.losses apart from Keras losses,
// crossentropies written with tf.log, and the data flow of TF1 code (placeholders, builders,
// weight dictionaries, graphs written at module level).
import * as assert from 'node:assert/strict';
import { canonical } from '../../server/parse/python/catalog';
import { layersOf, parse } from './helpers';

describe('TensorFlow (beyond Keras layers)', () => {
  it('reads every tf.nn / tf.math / tf.keras.activations spelling, with TensorFlow defaults', () => {
    const p = parse(`import tensorflow as tf
def f(x):
    a = tf.nn.leaky_relu(x)
    b = tf.nn.leaky_relu(x, alpha=0.1)
    c = tf.nn.gelu(x, approximate=True)
    d = tf.math.log_sigmoid(x)
    e = tf.keras.activations.relu(x)
    g = tf.compat.v1.nn.relu6(x)
    h = tf.sigmoid(x) + tf.tanh(x) + tf.math.softplus(x) + tf.nn.swish(x) + tf.nn.selu(x) + tf.nn.softsign(x)
    return a
`);
    const uses = p.model.activations.map((u) => `${u.spelling} ${u.id} ${u.framework} ${JSON.stringify(u.params)}`);
    assert.deepEqual(uses, [
      'tf.nn.leaky_relu leaky_relu tensorflow {"negative_slope":0.2}',
      'tf.nn.leaky_relu leaky_relu tensorflow {"negative_slope":0.1}',
      'tf.nn.gelu gelu tensorflow {"approximate":"tanh"}',
      'tf.math.log_sigmoid logsigmoid tensorflow {}',
      'tf.keras.activations.relu relu keras {}',
      'tf.compat.v1.nn.relu6 relu6 tensorflow {}',
      'tf.sigmoid sigmoid tensorflow {}',
      'tf.tanh tanh tensorflow {}',
      'tf.math.softplus softplus tensorflow {"beta":1,"threshold":20}',
      'tf.nn.swish silu tensorflow {}',
      'tf.nn.selu selu tensorflow {}',
      'tf.nn.softsign softsign tensorflow {}',
    ]);
  });

  it('keeps TF1 tf.losses apart from Keras losses (TF2 tf.losses is tf.keras.losses)', () => {
    assert.deepEqual(canonical('tensorflow.losses.softmax_cross_entropy'), { ns: 'tf.losses', name: 'softmax_cross_entropy' });
    assert.deepEqual(canonical('tensorflow.compat.v1.losses.log_loss'), { ns: 'tf.losses', name: 'log_loss' });
    assert.deepEqual(canonical('tensorflow.losses.categorical_crossentropy'), { ns: 'keras.losses', name: 'categorical_crossentropy' });
    assert.deepEqual(canonical('tensorflow.losses.BinaryCrossentropy'), { ns: 'keras.losses', name: 'BinaryCrossentropy' });
    assert.deepEqual(canonical('tensorflow.contrib.slim.fully_connected'), { ns: 'tf.contrib.layers', name: 'fully_connected' });
    assert.deepEqual(canonical('tf_slim.conv2d'), { ns: 'tf.contrib.layers', name: 'conv2d' });
  });

  it('reads what each TensorFlow loss expects', () => {
    const p = parse(`import tensorflow as tf
l1 = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=z)
l2 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=z)
l3 = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=z)
l4 = tf.losses.softmax_cross_entropy(y, z)
l5 = tf.compat.v1.losses.sigmoid_cross_entropy(y, z)
l6 = tf.losses.log_loss(y, p)
l7 = -tf.reduce_sum(y * tf.log(p), axis=1)
l8 = -tf.reduce_mean(y * tf.math.log(p + 1e-9) \\
     + (1 - y) * tf.math.log(1 - p + 1e-9))
l9 = tf.keras.losses.categorical_crossentropy(y, z, from_logits=True)
`);
    assert.deepEqual(p.model.losses.map((l) => `${l.name} ${l.family} ${l.expects} ${l.framework}`), [
      'tf.nn.softmax_cross_entropy_with_logits_v2 categorical-ce logits tensorflow',
      'tf.nn.sparse_softmax_cross_entropy_with_logits sparse-categorical-ce logits tensorflow',
      'tf.nn.sigmoid_cross_entropy_with_logits bce-logits logits tensorflow',
      'tf.losses.softmax_cross_entropy categorical-ce logits tensorflow',
      'tf.compat.v1.losses.sigmoid_cross_entropy bce-logits logits tensorflow',
      'tf.losses.log_loss bce probabilities tensorflow',
      'tf.log categorical-ce probabilities tensorflow',
      'tf.math.log bce probabilities tensorflow',
      'tf.math.log bce probabilities tensorflow',
      'tf.keras.losses.categorical_crossentropy categorical-ce logits keras',
    ]);
  });

  it('builds a stack from a builder of tf.matmul layers with a weights dictionary, called for train and test', () => {
    const p = parse(`import tensorflow as tf
X = tf.placeholder("float", [None, 784])
weights = {'h1': tf.Variable(tf.random_normal([784, 256])), 'out': tf.Variable(tf.random_normal([256, 10]))}
biases = {'b1': tf.Variable(tf.random_normal([256])), 'out': tf.Variable(tf.random_normal([10]))}

def net(x, weights, biases, dropout):
    h = tf.nn.relu(tf.add(tf.matmul(x, weights['h1']), biases['b1']))
    h = tf.nn.dropout(h, dropout)
    return tf.nn.softmax(tf.matmul(h, weights['out']) + biases['out'])

train = net(X, weights, biases, 0.5)
test = net(X, weights, biases, 1.0)
loss = tf.nn.softmax_cross_entropy_with_logits(logits=train, labels=Y)
`);
    assert.equal(p.model.stacks.length, 1);
    const s = p.stack('net');
    assert.equal(s.framework, 'tensorflow');
    assert.equal(s.loss?.name, 'tf.nn.softmax_cross_entropy_with_logits');
    assert.deepEqual(layersOf(s), ['linear tf.matmul', 'activation tf.nn.relu→relu', 'dropout tf.nn.dropout', 'linear tf.matmul', 'activation tf.nn.softmax→softmax']);
    assert.equal(p.model.activations.find((u) => u.id === 'softmax')?.role, undefined, 'a softmax over x @ W is no attention');
  });

  it("reads a hand-written layer's width from its weight's written shape", () => {
    const p = parse(`import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 784])
W1 = tf.get_variable("W1", shape=[784, 256])
W2 = tf.Variable(tf.random_normal([256, 10], stddev=0.1))
W3 = tf.Variable(tf.random_normal([10, 10]))
h = tf.nn.relu(tf.nn.xw_plus_b(x, W1, tf.zeros([256])))
h = tf.matmul(h, W2)
logits = tf.matmul(h, W3, transpose_b=True)
loss = tf.losses.softmax_cross_entropy(y, logits)
`);
    assert.deepEqual(p.stack('logits').layers.map((l) => l.units), [256, undefined, 10, undefined]);
  });

  it('keeps a softmax over query-key scores an attention softmax', () => {
    const p = parse(`import tensorflow as tf
def attend(q, k, v):
    w = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / 8.0)
    return tf.matmul(w, v)
`);
    assert.equal(p.model.activations[0].role, 'attention');
  });

  it('reads tf.contrib.layers with their default ReLU, and module-level graphs from placeholders', () => {
    const p = parse(`import tensorflow as tf
slim = tf.contrib.slim
x = tf.placeholder(tf.float32, [None, 784])
h = slim.fully_connected(x, 256)
h = tf.contrib.layers.fully_connected(h, 128, activation_fn=tf.nn.tanh)
logits = tf.contrib.layers.fully_connected(h, 10, activation_fn=None)
loss = tf.losses.softmax_cross_entropy(y, logits)
`);
    const s = p.stack('logits');
    assert.equal(s.framework, 'tensorflow');
    assert.deepEqual(layersOf(s), ['linear slim.fully_connected→relu', 'linear tf.contrib.layers.fully_connected→tanh', 'linear tf.contrib.layers.fully_connected']);
    assert.equal(s.layers[0].activation?.spelling, 'slim.fully_connected (default activation_fn=tf.nn.relu)');
    assert.equal(s.loss?.name, 'tf.losses.softmax_cross_entropy');
  });

  it('takes the sigmoid derivative p * (1 - p) of hand-written backprop for no gate', () => {
    const p = parse(`import tensorflow as tf
def net(X, W1, W2):
    l1 = tf.sigmoid(tf.matmul(X, W1))
    y = tf.sigmoid(tf.matmul(l1, W2))
    d_sigma2 = y * (1 - y)
    d_sigma1 = l1 * (1.0 - l1)
    gated = X * tf.sigmoid(tf.matmul(X, W2))
    return y
`);
    assert.deepEqual(p.model.activations.map((u) => u.gating ?? false), [false, false, true]);
  });

  it('reads an operator continued on the next line with a backslash', () => {
    const p = parse(`import torch
def f(a, b):
    return a \\
        * torch.sigmoid(b)
`);
    assert.equal(p.model.activations[0].gating, true);
  });
});
