// Initialisers read from code (Layer.init) and the gradient estimates that use them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackGradient, whyNoFigure, type ChainLink } from '../../server/analysis/stackGradient';
import type { Layer, LayerStack } from '../../server/model/layerStack';
import { parsePython } from '../../server/parse/python';
import { parseJsonConfig } from '../../server/parse/config/index';
import { parseTfjs } from '../../server/parse/tfjs/index';
import { initialization } from '../../shared/activations';

const linears = (stack: LayerStack): Layer[] => stack.layers.filter((l) => l.kind === 'linear');
const chainOf = (stack: LayerStack): ChainLink[] => stack.layers.flatMap((l, index) => (l.activation && l.activation.id !== 'softmax' ? [{ index, use: l.activation }] : []));
/** Weight variance of a recorded init at fan_in 100, fan_out 50. */
const variance = (l: Layer): number | undefined => (l.init?.weight?.init ? initialization({ weight: l.init.weight.init, bias: { scheme: 'zeros' } }, 100, 50).weightVariance : undefined);
const close = (a: number | undefined, b: number, tol = 1e-12) => assert.ok(a !== undefined && Math.abs(a - b) <= tol * Math.abs(b), `${a} vs ${b}`);

const TORCH = `import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(100, 50)
        self.fc2 = nn.Linear(50, 50)
        self.fc3 = nn.Linear(50, 50)
        self.out = nn.Linear(50, 1)
        nn.init.kaiming_normal_(self.fc1.weight, nonlinearity='relu')
        nn.init.zeros_(self.fc1.bias)
        nn.init.kaiming_uniform_(self.fc2.weight, a=0.1, mode='fan_out', nonlinearity='leaky_relu')
        nn.init.xavier_uniform_(self.fc3.weight, gain=nn.init.calculate_gain('tanh'))
        self.fc3.bias.data.normal_(0, 0.02)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        x = torch.tanh(self.fc3(x))
        return self.out(x)
`;

describe('initialisers read from Python', () => {
  it('reads nn.init calls on self.<layer> with PyTorch gains, and tensor methods on biases', () => {
    const [fc1, fc2, fc3, out] = linears(parsePython(TORCH).stacks[0]);
    assert.equal(fc1.init?.weight?.label, 'He normal');
    assert.equal(fc1.init?.weight?.source, 'nn.init.kaiming_normal_');
    assert.equal(fc1.init?.weight?.range.start.line, 10);
    close(variance(fc1), 2 / 100);
    assert.deepEqual(fc1.init?.bias?.init, { scheme: 'zeros' });
    // leaky_relu gain² = 2/(1 + a²), divided by fan_out.
    close(variance(fc2), 2 / (1 + 0.01) / 50);
    assert.equal(fc2.init?.weight?.label, 'Kaiming uniform with gain 1.41, fan_out');
    // xavier: gain²·2/(fan_in + fan_out), tanh gain 5/3.
    close(variance(fc3), ((25 / 9) * 2) / 150);
    assert.deepEqual(fc3.init?.bias?.init, { scheme: 'normal', std: 0.02 });
    assert.equal(out.init, undefined, 'the head keeps the default');
  });

  it('reads an initialiser imported under another name, and no Keras keyword named like an Object property', () => {
    // The reader skips files without an initialiser spelling: an alias still spells `init` in its import.
    const [fc] = linears(parsePython(`import torch.nn as nn
from torch.nn.init import orthogonal_ as ortho
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 64)
        self.out = nn.Linear(64, 1)
        ortho(self.fc.weight)
    def forward(self, x):
        return self.out(torch.tanh(self.fc(x)))
`).stacks[0]);
    assert.equal(fc.init?.weight?.source, 'ortho');
    const [dense] = linears(parsePython(`from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(64, activation="tanh", constructor="he_normal"), keras.layers.Dense(1)])
`).stacks[0]);
    assert.equal(dense.init, undefined);
  });

  it('applies a modules() loop and an apply(fn) function to the layers their isinstance guard names', () => {
    const loop = parsePython(`import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 8), nn.Tanh(), nn.Conv1d(8, 8, 3), nn.Linear(8, 1))
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.orthogonal_(m.weight, gain=2)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)
    def forward(self, x):
        return self.net(x)
`).stacks[0];
    const [l1, conv, l2] = loop.layers.filter((l) => l.kind === 'linear' || l.kind === 'conv');
    assert.deepEqual(l1.init?.weight?.init, { scheme: 'orthogonal', gain: 2 });
    assert.deepEqual(l2.init?.bias?.init, { scheme: 'zeros' });
    assert.equal(conv.init, undefined, 'Conv1d is not an nn.Linear');

    const applied = parsePython(`import torch.nn as nn
def init_weights(m):
    if isinstance(m, (nn.Linear, nn.Conv2d)):
        nn.init.trunc_normal_(m.weight, std=0.02)
model = nn.Sequential(nn.Linear(8, 8), nn.GELU(), nn.Linear(8, 1))
model.apply(init_weights)
`).stacks[0];
    for (const l of linears(applied)) {
      assert.equal(l.init?.weight?.label, 'truncated N(0, 0.02²)');
      // Truncation at ±2 (absolute) is 100σ: nothing is cut.
      close(variance(l), 0.02 ** 2, 1e-9);
    }
  });

  it('reads Keras kernel_initializer strings and objects, and records what it cannot read without a reading', () => {
    const stack = parsePython(`from tensorflow import keras
from tensorflow.keras import layers, initializers
model = keras.Sequential([
    layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
    layers.Dense(64, activation="relu", kernel_initializer=initializers.VarianceScaling(scale=2.0, mode="fan_out")),
    layers.Dense(64, activation="tanh", kernel_initializer=initializers.TruncatedNormal(stddev=0.1), bias_initializer="zeros"),
    layers.Dense(10, activation="softmax", kernel_initializer=my_init),
])
`).stacks[0];
    const [he, vs, tn, head] = linears(stack);
    close(variance(he), 2 / 100);
    assert.equal(he.init?.weight?.source, 'kernel_initializer');
    close(variance(vs), 2 / 50);
    // Keras TruncatedNormal redraws beyond 2σ: the variance is 0.774 of stddev².
    close(variance(tn), 0.1 ** 2 * 0.7737413, 1e-6);
    assert.deepEqual(tn.init?.bias?.init, { scheme: 'zeros' });
    assert.equal(head.init?.weight?.init, undefined);
    assert.equal(head.init?.weight?.label, 'kernel_initializer=my_init');
  });

  it('reads TF1 initializers where their defaults do not depend on the TensorFlow version', () => {
    const stack = parsePython(`import tensorflow as tf
def net(x):
    h = tf.layers.dense(x, 100, activation=tf.nn.tanh, kernel_initializer=tf.truncated_normal_initializer(stddev=0.1))
    h = tf.layers.dense(h, 50, activation=tf.nn.tanh, kernel_initializer=tf.contrib.layers.xavier_initializer(uniform=False))
    h = tf.layers.dense(h, 50, activation=tf.nn.tanh, kernel_initializer=tf.random_normal_initializer())
    return tf.layers.dense(h, 10)
`).stacks[0];
    const [truncated, xavier, versioned] = linears(stack);
    close(variance(truncated), 0.1 ** 2 * 0.7737413, 1e-6);
    assert.equal(xavier.init?.weight?.label, 'Glorot normal');
    assert.equal(versioned.init?.weight?.init, undefined, 'stddev 1.0 in TF1, 0.05 in TF2');
  });

  it('follows loops over listed layers and containers; an element or an unlisted iterable reads as unknown', () => {
    const stack = parsePython(`import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 8)
        self.fc2 = nn.Linear(8, 8)
        self.blocks = nn.ModuleList([nn.Linear(8, 8) for _ in range(3)])
        for layer in [self.fc1, self.fc2]:
            nn.init.xavier_uniform_(layer.weight)
        for block in self.blocks:
            nn.init.orthogonal_(block.weight)
        nn.init.zeros_(self.blocks[0].bias)
    def forward(self, x):
        x = self.fc2(self.fc1(x).tanh()).tanh()
        for b in self.blocks:
            x = b(x).tanh()
        return x
`).stacks[0];
    const [fc1, fc2, block] = linears(stack);
    assert.equal(fc1.init?.weight?.label, 'Xavier uniform');
    assert.equal(fc2.init?.weight?.label, 'Xavier uniform');
    assert.equal(block.init?.weight?.label, 'orthogonal');
    assert.ok(block.init?.bias && !block.init.bias.init, 'only blocks[0] gets a zero bias');

    const [a, b] = linears(parsePython(`import torch.nn as nn
class N(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.a = nn.Linear(8, 8)
        self.b = nn.Linear(8, 1)
        for m in layers:
            nn.init.normal_(m.weight, std=0.02)
    def forward(self, x):
        return self.b(self.a(x).relu())
`).stacks[0]);
    assert.ok(a.init?.weight && !a.init.weight.init && b.init?.weight && !b.init.weight.init);
  });

  it('treats a setting under an unrelated condition as unknown', () => {
    const [fc] = linears(parsePython(`import torch.nn as nn
class M(nn.Module):
    def __init__(self, scheme="he"):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        if scheme == "he":
            nn.init.kaiming_normal_(self.fc.weight)
    def forward(self, x):
        return self.fc(x).relu()
`).stacks[0]);
    assert.ok(fc.init?.weight && !fc.init.weight.init);
  });
});

describe('initialisers read from TF.js', () => {
  it('reads names and tf.initializers calls; TF.js truncates its variance-scaling normals without rescaling', () => {
    const stack = parseTfjs(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({units: 50, inputShape: [100], activation: 'relu', kernelInitializer: 'heNormal'}));
model.add(tf.layers.dense({units: 50, activation: 'relu', kernelInitializer: tf.initializers.heUniform({seed: 1})}));
model.add(tf.layers.dense({units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.randomNormal({stddev: 0.05}), biasInitializer: 'zeros'}));
`, 'ts').stacks[0];
    const [normal, uniform, head] = linears(stack);
    close(variance(normal), (2 / 100) * 0.7737413, 1e-6);
    close(variance(uniform), 2 / 100);
    assert.deepEqual(head.init?.weight?.init, { scheme: 'normal', std: 0.05 });
    assert.equal(head.init?.bias?.source, 'biasInitializer');
  });
});

describe('initialisers read from model JSON', () => {
  const dense = (units: number, activation: string, init: string) =>
    `{"class_name": "Dense", "config": {"name": "d${units}", "units": ${units}, "activation": "${activation}", ${init}}}`;
  const model = (version: string, layers: string[]) =>
    `{"class_name": "Sequential", "config": {"name": "m", "layers": [${layers.join(', ')}]}, "keras_version": "${version}"}`;

  it('reads serialized Keras initializers and their configs', () => {
    const stack = parseJsonConfig(model('2.15.0', [
      dense(100, 'relu', '"kernel_initializer": {"class_name": "HeNormal", "config": {"seed": null}}, "bias_initializer": {"class_name": "Zeros", "config": {}}'),
      dense(50, 'tanh', '"kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_out", "distribution": "uniform"}}'),
      dense(10, 'softmax', '"kernel_initializer": {"class_name": "MyInit", "config": {}}'),
    ])).stacks[0];
    const [he, vs, custom] = linears(stack);
    close(variance(he), 2 / 100);
    assert.deepEqual(he.init?.bias?.init, { scheme: 'zeros' });
    assert.equal(he.init?.weight?.source, 'kernel_initializer');
    close(variance(vs), 2 / 50);
    assert.equal(custom.init?.weight?.init, undefined);
  });

  it('reads a model saved by TF.js in TF.js\'s variant: its normals are truncated without rescaling', () => {
    const [layer] = linears(parseJsonConfig(model('tfjs-layers 4.22.0', [
      dense(10, 'sigmoid', '"kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1, "mode": "fan_in", "distribution": "normal"}}'),
    ])).stacks[0]);
    close(variance(layer), (1 / 100) * 0.7737413, 1e-6);
  });
});

describe('gradient estimates with the code\'s initialisers', () => {
  it('a He-normal ReLU MLP with zero biases keeps ~0.7 of the gradient (PyTorch measures 0.71 at five layers)', () => {
    const body = Array.from({ length: 5 }, (_, i) => `        self.fc${i} = nn.Linear(128, 128)\n        nn.init.kaiming_normal_(self.fc${i}.weight, nonlinearity='relu')\n        nn.init.zeros_(self.fc${i}.bias)`).join('\n');
    const stack = parsePython(`import torch, torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
${body}
        self.out = nn.Linear(128, 10)
    def forward(self, x):
        for fc in [self.fc0, self.fc1, self.fc2, self.fc3, self.fc4]:
            x = torch.relu(fc(x))
        return self.out(x)
`).stacks[0];
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, 'He normal (from nn.init.kaiming_normal_, lines 6–18), zero bias (from nn.init.zeros_, lines 7–19)');
    assert.ok(g.typical[0] > 0.71 / 1.5 && g.typical[0] < 0.71 * 1.5, String(g.typical[0]));
    assert.match(g.assumptions, /^Bound multiplies .*\. Typical: mean-field estimate at initialisation under He normal .*Biases zero, drawn independently per unit\./);
    assert.doesNotMatch(g.assumptions, /PyTorch default: uniform|; Input/);
  });

  it('names the default for layers the code leaves alone, and the PyTorch default bias beside a set weight', () => {
    const stack = parsePython(TORCH).stacks[0];
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, 'He normal (from nn.init.kaiming_normal_, line 11), zero bias (from nn.init.zeros_, line 12); '
      + 'Kaiming uniform with gain 1.41, fan_out (from nn.init.kaiming_uniform_, line 13), PyTorch default bias; '
      + 'Xavier uniform with gain 1.67 (from nn.init.xavier_uniform_, line 14), bias N(0, 0.02²) (from self.fc3.bias.data.normal_, line 15)');
    assert.match(g.assumptions, /Biases zero; U\(±1\/√fan_in\) \(the PyTorch default\); N\(0, 0.02²\), drawn independently per unit\./);
  });

  it('gives no figure, and says why, when an initialiser in the estimated layers cannot be read', () => {
    const stack = parsePython(`from tensorflow import keras
model = keras.Sequential([
    keras.layers.Dense(64, activation="tanh", kernel_initializer=custom),
    keras.layers.Dense(64, activation="tanh"),
    keras.layers.Dense(1),
])
`).stacks[0];
    assert.equal(stackGradient(stack, chainOf(stack)), undefined);
    assert.match(whyNoFigure(stack, chainOf(stack))!, /^not made: the initialisation at line 3 \(kernel_initializer=custom\) is not one the estimate reads/);
  });

  it('estimates a TF1 matmul stack from the draws of its tf.Variable weights (aymericdamien\'s MLP, with named variables)', () => {
    const stack = parsePython(TF1_MLP).stacks[0];
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, 'N(0, 1²) (from tf.random_normal, lines 4 and 5), bias N(0, 1²) (from tf.random_normal, lines 7 and 8)');
    // PyTorch (scripts/measure/tf1_draws.py), 200 draws of 64 inputs x ~ N(0, I) through 784-256-256 sigmoid layers with N(0, 1) weights
    // and biases, isotropic gradient at the last: RMS ratio 0.0600 at the first link, 0.0769 at the second.
    close(g.typical[0], 0.0600, 0.03);
    close(g.typical[1], 0.0769, 0.03);
  });

  it('gives no figure for a TF1 matmul stack whose weights are not drawn from a distribution it reads', () => {
    const stack = parsePython(`import tensorflow as tf
W1 = tf.Variable(tf.ones([784, 256]))
def mlp(x, weights):
    h = tf.nn.sigmoid(tf.matmul(x, W1))
    h2 = tf.nn.sigmoid(tf.matmul(h, weights['h2']))
    return tf.matmul(h2, weights['out'])
`).stacks[0];
    assert.equal(stackGradient(stack, chainOf(stack)), undefined);
    assert.match(whyNoFigure(stack, chainOf(stack))!, /^not made: the initialisation at line 2 \(tf\.ones\) is not one the estimate reads/);
    const [, fromParameter] = linears(stack);
    assert.equal(fromParameter.init?.weight?.label, 'the weight tensor of tf.matmul');
  });
});

const TF1_MLP = `import tensorflow as tf
X = tf.placeholder("float", [None, 784])
Y = tf.placeholder("float", [None, 10])
h1 = tf.Variable(tf.random_normal([784, 256]))
h2 = tf.Variable(tf.random_normal([256, 256]))
wout = tf.Variable(tf.random_normal([256, 10]))
b1 = tf.Variable(tf.random_normal([256]))
b2 = tf.Variable(tf.random_normal([256]))
bout = tf.Variable(tf.random_normal([10]))
def multilayer_perceptron(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, h1), b1))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, h2), b2))
    return tf.matmul(layer_2, wout) + bout
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=multilayer_perceptron(X), labels=Y))
`;

describe('TF1 weights read from the tensors the code draws', () => {
  const weightOf = (l: Layer) => l.init?.weight;
  const biasOf = (l: Layer) => l.init?.bias;

  it('reads tf.random_normal with TF1\'s default stddev 1, at the tf.Variable that makes the weight', () => {
    const [l1, l2, out] = linears(parsePython(TF1_MLP).stacks[0]);
    assert.deepEqual(weightOf(l1)?.init, { scheme: 'normal', std: 1 });
    assert.equal(weightOf(l1)?.label, 'N(0, 1²)');
    assert.equal(weightOf(l1)?.source, 'tf.random_normal');
    assert.deepEqual(weightOf(l1)?.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 46 } });
    assert.deepEqual(biasOf(l2)?.init, { scheme: 'normal', std: 1 });
    assert.equal(biasOf(l2)?.range.start.line, 7);
    assert.deepEqual([l1.inFeatures, l1.units, out.inFeatures, out.units], [784, 256, 256, 10], 'widths from the written shapes');
  });

  it('reads truncated normals (cut at 2σ, not rescaled), symmetric uniforms, zeros and get_variable initializers', () => {
    const [truncated, xavier, wrapped, operator, shifted] = linears(parsePython(`import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 784])
W1 = tf.Variable(tf.truncated_normal([784, 256], stddev=0.1))
b1 = tf.Variable(tf.zeros([256]))
W2 = tf.get_variable("W2", shape=[256, 256], initializer=tf.contrib.layers.xavier_initializer())
b2 = tf.Variable(tf.random_uniform([256], -0.05, 0.05))
W3 = tf.get_variable("W3", [256, 128], initializer=tf.truncated_normal_initializer(stddev=0.05))
b3 = tf.Variable(tf.constant(0.1, shape=[128]))
W4 = tf.Variable(tf.random_normal([128, 10], mean=0.5))
h1 = tf.nn.tanh(tf.matmul(x, W1) + b1)
h2 = tf.nn.tanh(tf.nn.bias_add(tf.matmul(h1, W2), b2))
h3 = tf.nn.tanh(tf.nn.xw_plus_b(h2, W3, tf.Variable(tf.zeros([128]))))
h4 = tf.nn.tanh(h3 @ W3 + b3)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(h4, W4)))
`).stacks[0]);
    close(variance(truncated), 0.1 ** 2 * 0.7737413, 1e-6);
    assert.equal(weightOf(truncated)?.label, 'truncated N(0, 0.1²)');
    assert.deepEqual(biasOf(truncated)?.init, { scheme: 'zeros' });
    assert.deepEqual(weightOf(xavier)?.init, { scheme: 'variance-scaling', scale: 1, mode: 'fan_avg' });
    assert.equal(weightOf(xavier)?.source, 'tf.contrib.layers.xavier_initializer');
    assert.deepEqual(biasOf(xavier)?.init, { scheme: 'uniform', bound: 0.05 }, 'the bias of tf.nn.bias_add');
    close(variance(wrapped), 0.05 ** 2 * 0.7737413, 1e-6);
    assert.deepEqual(biasOf(wrapped)?.init, { scheme: 'zeros' }, 'the biases of tf.nn.xw_plus_b');
    assert.equal(weightOf(operator)?.label, 'truncated N(0, 0.05²)');
    assert.equal(biasOf(operator)?.init, undefined, 'a bias of 0.1 has a non-zero mean');
    assert.equal(weightOf(shifted)?.init, undefined, 'a weight of mean 0.5');
    assert.equal(weightOf(shifted)?.label, 'tf.random_normal');
  });

  it('reads the TF2 spellings tf.random.normal, tf.random.truncated_normal and tf.random.uniform', () => {
    const [hidden, head] = linears(parsePython(`import tensorflow as tf
W1 = tf.Variable(tf.random.normal([784, 256], stddev=0.0357))
W2 = tf.Variable(tf.random.truncated_normal([256, 10], stddev=0.1))
b1 = tf.Variable(tf.random.uniform([256], minval=-0.01, maxval=0.01))
def net(x):
    h = tf.tanh(tf.matmul(x, W1) + b1)
    return tf.matmul(h, W2)
x = tf.placeholder(tf.float32, [None, 784])
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=net(x)))
`).stacks[0]);
    assert.deepEqual(weightOf(hidden)?.init, { scheme: 'normal', std: 0.0357 });
    assert.equal(weightOf(hidden)?.source, 'tf.random.normal');
    assert.deepEqual(biasOf(hidden)?.init, { scheme: 'uniform', bound: 0.01 });
    close(variance(head), 0.1 ** 2 * 0.7737413, 1e-6);
  });

  it('does not read tf.random_uniform\'s default [0, 1) or a stddev it cannot evaluate', () => {
    const [uniform, symbolic] = linears(parsePython(`import tensorflow as tf
def net(x, s):
    W = tf.Variable(tf.random_uniform([784, 64]))
    V = tf.Variable(tf.random_normal([64, 64], stddev=s))
    h = tf.nn.relu(tf.matmul(x, W))
    h = tf.nn.relu(tf.matmul(h, V))
    return tf.matmul(h, tf.Variable(tf.random_normal([64, 10], stddev=0.1)))
`).stacks[0]);
    assert.equal(weightOf(uniform)?.init, undefined);
    assert.equal(weightOf(uniform)?.label, 'tf.random_uniform');
    assert.equal(weightOf(symbolic)?.init, undefined);
  });

  it('matches PyTorch on the ACT001 fixtures of hand-written TF1 layers', () => {
    // scripts/measure/tf1_draws.py (torch 1.13): 100 draws of 64 inputs x ~ N(0, I) through the fixture's layers
    // (normal weights of the drawn std), isotropic gradient at the last hidden output; RMS ratio per link.
    const measured: Record<string, number[]> = {
      'positive/tf1_truncated_normal_sigmoid_mlp.py': [0.00483, 0.0219, 0.0711, 0.2249],
      'negative/tf1_random_normal_sigmoid_mlp.py': [0.0746, 0.0956, 0.0780],
      'negative/tf1_lecun_literal_tanh_mlp.py': [0.4098, 0.6015, 0.7540, 0.8844],
    };
    for (const [file, ratios] of Object.entries(measured)) {
      const stack = parsePython(readFileSync(join(__dirname, '../fixtures/python/ACT001', file), 'utf8')).stacks[0];
      const g = stackGradient(stack, chainOf(stack))!;
      ratios.forEach((r, i) => close(g.typical[i], r, 0.03));
    }
  });

  it('reads no initializer named like an Object property (constructor) from Keras strings or TF calls', () => {
    const [keras] = linears(parsePython(`from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(64, activation="tanh", kernel_initializer="constructor"), keras.layers.Dense(1)])
`).stacks[0]);
    assert.equal(weightOf(keras)?.init, undefined);
    const [tf1] = linears(parsePython(`import tensorflow as tf
W = tf.get_variable("W", [784, 64], initializer=tf.constructor_initializer())
def net(x):
    return tf.matmul(tf.nn.tanh(tf.matmul(x, W)), tf.Variable(tf.zeros([64, 1])))
loss = tf.losses.mean_squared_error(labels, net(tf.placeholder(tf.float32, [None, 784])))
`).stacks[0]);
    assert.equal(weightOf(tf1)?.init, undefined);
    assert.equal(weightOf(tf1)?.source, 'tf.constructor_initializer');
  });

  it('reads a layer one helper makes from different draws as unknown: which use had which is not kept', () => {
    const stack = parsePython(`import tensorflow as tf
def dense(x, W):
    return tf.nn.relu(tf.matmul(x, W))
def net(x):
    h = dense(x, tf.Variable(tf.random_normal([64, 64], stddev=0.1)))
    h = dense(h, tf.Variable(tf.truncated_normal([64, 64], stddev=0.1)))
    return tf.matmul(h, tf.Variable(tf.random_normal([64, 10], stddev=0.1)))
`).stacks.find((s) => s.name === 'net')!;
    const [helper] = linears(stack);
    assert.equal(weightOf(helper)?.init, undefined);
    assert.equal(weightOf(helper)?.label, 'N(0, 0.1²) or truncated N(0, 0.1²)');
  });
});
