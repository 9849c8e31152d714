// TF.js activation spellings as hovers see them: strings, activation layers, ops and tensor
// methods, with TF.js's parameter names and defaults; gates; uses in code the evaluator skips.
import * as assert from 'node:assert/strict';
import { parse } from './helpers';

const IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

describe('TF.js activation uses', () => {
  it('reads every spelling with its form and range', () => {
    const p = parse(`${IMPORT}const a = tf.layers.dense({units: 4, activation: 'relu6'});
const b = tf.layers.leakyReLU({alpha: 0.1});
const c = tf.layers.reLU({maxValue: 6});
const y = tf.leakyRelu(x, 0.05);
const z = x.softmax(-1);
const w = tf.layers.lstm({units: 8, activation: 'tanh', recurrentActivation: 'hardSigmoid'});
`);
    assert.deepEqual(p.model.activations.map((u) => [u.id, u.params, u.form, u.spelling, p.at(u.range)]), [
      ['relu6', {}, 'string', "'relu6'", "'relu6'"],
      ['leaky_relu', { negative_slope: 0.1 }, 'module', 'tf.layers.leakyReLU', 'tf.layers.leakyReLU({alpha: 0.1})'],
      ['relu6', {}, 'module', 'tf.layers.reLU', 'tf.layers.reLU({maxValue: 6})'],
      ['leaky_relu', { negative_slope: 0.05 }, 'functional', 'tf.leakyRelu', 'tf.leakyRelu(x, 0.05)'],
      ['softmax', {}, 'method', '.softmax()', 'softmax(-1)'],
      ['tanh', {}, 'string', "'tanh'", "'tanh'"],
      ['keras2.hard_sigmoid', {}, 'string', "'hardSigmoid'", "'hardSigmoid'"],
    ]);
    assert.equal(p.model.activations[4].dim, -1);
    assert.equal(p.model.activations[6].gating, true, 'an LSTM recurrent activation computes gates');
  });

  it('uses TF.js defaults: leakyReLU layer 0.3, tf.leakyRelu 0.2, hardSigmoid as clip(0.2x + 0.5)', () => {
    const p = parse(`${IMPORT}tf.layers.leakyReLU();\ntf.leakyRelu(x);\ntf.layers.activation({activation: 'hardSigmoid'});\n`);
    assert.deepEqual(p.model.activations.map((u) => [u.id, u.params]), [
      ['leaky_relu', { negative_slope: 0.3 }], ['leaky_relu', { negative_slope: 0.2 }], ['keras2.hard_sigmoid', {}],
    ]);
  });

  it('marks a parameter written as an expression: the default stands in for it', () => {
    const p = parse(`${IMPORT}tf.layers.leakyReLU({alpha: slope});\n`);
    assert.deepEqual(p.model.activations.map((u) => [u.params, u.unknownParams]), [[{ negative_slope: 0.3 }, ['negative_slope']]]);
  });

  it('marks a sigmoid that multiplies another tensor as a gate', () => {
    const p = parse(`${IMPORT}const g = tf.mul(h, tf.sigmoid(z));\nconst k = tf.sigmoid(u).mul(v);\nconst plain = tf.sigmoid(q);\n`);
    assert.deepEqual(p.model.activations.map((u) => u.gating ?? false), [true, true, false]);
  });

  it('does not read Math.tanh, methods with tensor arguments, or unknown activation names', () => {
    const p = parse(`${IMPORT}Math.tanh(0.5);\nx.relu(y);\ntf.layers.dense({units: 2, activation: 'notAnActivation'});\n`);
    assert.deepEqual(p.model.activations, []);
  });

  it('records uses in code the evaluator never runs, so hovers work everywhere', () => {
    const p = parse(`${IMPORT}if (debug) {\n  callbacks.push(() => tf.sigmoid(t));\n}\n`);
    assert.deepEqual(p.model.activations.map((u) => u.spelling), ['tf.sigmoid']);
  });

  it('parses TSX and JSX', () => {
    const tsx = parse(`${IMPORT}export const View = () => <div>{tf.relu(x).toString()}</div>;\n`, 'ts jsx');
    assert.deepEqual(tsx.model.activations.map((u) => u.spelling), ['tf.relu']);
    const jsx = parse(`${IMPORT}export const View = () => <span title={String(tf.tanh(x))} />;\n`, 'jsx');
    assert.deepEqual(jsx.model.activations.map((u) => u.spelling), ['tf.tanh']);
  });
});
