// TF.js model building: imports in every form, tf.sequential with a layer list or model.add,
// functional graphs, builders in functions and classes, loops, and the losses tied to them.
import * as assert from 'node:assert/strict';
import { parse } from './helpers';

const IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

describe('TF.js models', () => {
  it('builds a sequential model from its layer list, with widths and fused activations', () => {
    const p = parse(`${IMPORT}const model = tf.sequential({layers: [
  tf.layers.dense({inputShape: [4], units: 8, activation: 'relu'}),
  tf.layers.dropout({rate: 0.2}),
  tf.layers.dense({units: 3, activation: 'softmax'}),
]});`);
    assert.deepEqual(p.layers(), ['linear tf.layers.dense→relu', 'dropout tf.layers.dropout', 'linear tf.layers.dense→softmax']);
    assert.deepEqual(p.model.stacks[0].layers.map((l) => l.units), [8, undefined, 3]);
    assert.equal(p.model.stacks[0].name, 'model');
    assert.equal(p.model.stacks[0].framework, 'tfjs');
    assert.equal(p.model.syntax, 'javascript');
    assert.equal(p.at(p.model.stacks[0].layers[0].range), "tf.layers.dense({inputShape: [4], units: 8, activation: 'relu'})");
  });

  it('resolves named imports, aliases, require with destructuring, and the global tf of a script tag', () => {
    const named = parse("import {sequential, layers as L} from '@tensorflow/tfjs-node';\nconst m = sequential();\nm.add(L.dense({units: 2, activation: 'tanh'}));\n");
    assert.deepEqual(named.layers(), ['linear L.dense→tanh']);
    const required = parse("const {layers, sequential} = require('@tensorflow/tfjs');\nconst m = sequential({layers: [layers.dense({units: 2})]});\n", 'jsx');
    assert.deepEqual(required.layers(), ['linear layers.dense']);
    const global = parse("const m = tf.sequential();\nm.add(tf.layers.dense({units: 2, activation: 'elu'}));\n", 'jsx');
    assert.deepEqual(global.layers(), ['linear tf.layers.dense→elu']);
    const other = parse("import * as tf from './my-tensor-lib';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 2}));\n");
    assert.deepEqual(other.model.stacks, [], 'a `tf` that is not TF.js');
  });

  it('follows builders: a function returning the model, a training function compiling its parameter, a class field', () => {
    const p = parse(`${IMPORT}function createModel() {
  const net = tf.sequential();
  net.add(tf.layers.dense({inputShape: [1], units: 16, activation: 'relu'}));
  net.add(tf.layers.dense({units: 1}));
  return net;
}
async function train(model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
  await model.fit(xs, ys);
}
const model = createModel();
train(model, xs, ys);
class Agent {
  private policy: tf.Sequential;
  constructor() {
    this.policy = tf.sequential();
    this.policy.add(tf.layers.dense({inputShape: [4], units: 2, activation: 'softmax'}));
  }
  compile() {
    this.policy.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
  }
}`);
    assert.deepEqual(p.model.stacks.map((s) => [s.name, s.layers.length, s.loss?.name]), [['net', 2, "'meanSquaredError'"], ['this.policy', 1, "'categoricalCrossentropy'"]]);
  });

  it('adds a layer once per iteration of a loop with a literal count', () => {
    const p = parse(`${IMPORT}const m = tf.sequential();\nfor (let i = 0; i < 3; i++) m.add(tf.layers.dense({units: 8, activation: 'relu'}));\nfor (const u of sizes) m.add(tf.layers.dense({units: u}));\n`);
    assert.deepEqual(p.layers(), ['linear tf.layers.dense→relu', 'linear tf.layers.dense→relu', 'linear tf.layers.dense→relu', 'linear tf.layers.dense']);
  });

  it('builds a functional model from apply chains, with tf.layers.add as a skip connection and concatenate as a merge', () => {
    const p = parse(`${IMPORT}const input = tf.input({shape: [8]});
const h = tf.layers.dense({units: 8, activation: 'relu'}).apply(input) as tf.SymbolicTensor;
const skip = tf.layers.add().apply([input, h]) as tf.SymbolicTensor;
const side = tf.layers.dense({units: 4}).apply(input) as tf.SymbolicTensor;
const joined = tf.layers.concatenate().apply([skip, side]) as tf.SymbolicTensor;
const out = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(joined) as tf.SymbolicTensor;
export const model = tf.model({inputs: input, outputs: out});`);
    assert.deepEqual(p.layers(), ['linear tf.layers.dense→relu', 'residual tf.layers.add', 'unknown tf.layers.concatenate', 'linear tf.layers.dense→sigmoid']);
    assert.equal(p.model.stacks[0].residual, true);
  });

  it('ties compile losses: names, tf.losses functions, and custom functions by the tf.losses call inside', () => {
    const lossOf = (loss: string) => parse(`${IMPORT}const m = tf.sequential({layers: [tf.layers.dense({units: 2})]});\nm.compile({optimizer: 'sgd', loss: ${loss}});\n`).model.stacks[0].loss;
    assert.deepEqual([lossOf("'binaryCrossentropy'")?.family, lossOf("'binaryCrossentropy'")?.expects], ['bce', 'probabilities']);
    assert.deepEqual([lossOf('tf.losses.softmaxCrossEntropy')?.family, lossOf('tf.losses.softmaxCrossEntropy')?.expects], ['categorical-ce', 'logits']);
    assert.deepEqual([lossOf('(y, p) => tf.losses.sigmoidCrossEntropy(y, p)')?.name], ['tf.losses.sigmoidCrossEntropy']);
    assert.equal(lossOf('tf.metrics.binaryCrossentropy')?.expects, 'probabilities');
    assert.equal(lossOf("'binary_crossentropy'"), undefined, 'TF.js compile names are camelCase');
  });

  it('ties a loss computed in a training step to the model whose output it reads, ops included', () => {
    const p = parse(`${IMPORT}const net = tf.sequential({layers: [tf.layers.dense({inputShape: [3], units: 4})]});
function lossFn(xs: tf.Tensor, ys: tf.Tensor) {
  const logits = net.predict(xs) as tf.Tensor;
  const scores = logits.reshape([-1, 4]).relu();
  return tf.losses.softmaxCrossEntropy(ys, scores);
}`);
    assert.equal(p.model.stacks.length, 1, 'the model stack is contained in the loss stack');
    assert.deepEqual(p.layers(), ['linear tf.layers.dense', 'activation .relu()→relu']);
    assert.deepEqual([p.model.stacks[0].name, p.model.stacks[0].loss?.name], ['net', 'tf.losses.softmaxCrossEntropy']);
  });
});
