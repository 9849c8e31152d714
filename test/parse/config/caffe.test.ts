// Caffe .prototxt: the protobuf text tokenizer, the blob graph (in-place layers, branches, Eltwise
// and Concat), V1 enum types, activation parameters, and which losses read what.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getActivation } from '../../../shared/activations';
import { parseCaffeConfig } from '../../../server/parse/config/index';
import { parsePrototxt } from '../../../server/parse/config/prototxt';
import { summary, textAt } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/config');

const net = (...layers: string[]) => `name: "net"\nlayer { name: "data" type: "Input" top: "data" }\n${layers.join('\n')}\n`;
const ip = (name: string, bottom: string, top = name, n = 10) => `layer { name: "${name}" type: "InnerProduct" bottom: "${bottom}" top: "${top}" inner_product_param { num_output: ${n} } }`;
const act = (type: string, blob: string, params = '') => `layer { name: "${type}_${blob}" type: "${type}" bottom: "${blob}" top: "${blob}" ${params} }`;

describe('protobuf text format', () => {
  it('reads fields, nested messages with or without a colon, angle brackets, lists, comments and separators', () => {
    const parsed = parsePrototxt('name: "x" # a net\nlayer: { type: \'ReLU\'; bottom: "a", top: "a" }\nlayer < type: "TanH" >\ndim: [1, 2]\n');
    assert.ok('root' in parsed);
    const { root } = parsed;
    assert.deepEqual(root.fields.map((f) => f.name), ['name', 'layer', 'layer', 'dim', 'dim']);
    assert.deepEqual(root.fields[1].message?.fields.map((f) => `${f.name}=${f.scalar?.text}`), ['type=ReLU', 'bottom=a', 'top=a']);
    assert.deepEqual(root.fields.slice(3).map((f) => f.scalar?.text), ['1', '2']);
  });
});

describe('Caffe nets', () => {
  it('reads LeNet: convolutions, max pooling, in-place ReLU, widths, and the SoftmaxWithLoss tie', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ACT002/negative/caffe_lenet.prototxt'), 'utf8');
    const m = parseCaffeConfig(text);
    assert.equal(m.syntax, 'prototxt');
    assert.deepEqual(summary(m), [
      'conv Convolution', 'pooling Pooling (max)', 'conv Convolution', 'pooling Pooling (max)', 'linear InnerProduct', 'activation ReLU→relu', 'linear InnerProduct',
    ]);
    assert.deepEqual(m.stacks[0].layers.map((l) => l.units), [20, undefined, 50, undefined, 500, undefined, 10]);
    const [stack] = m.stacks;
    assert.deepEqual([stack.name, stack.loss?.name, stack.loss?.family, stack.loss?.expects], ['LeNet', 'SoftmaxWithLoss', 'sparse-categorical-ce', 'logits']);
    assert.equal(textAt(text, stack.range), 'name: "LeNet"');
    assert.equal(textAt(text, m.activations[0].range), '"ReLU"');
    assert.equal(textAt(text, stack.layers[0].range), 'type: "Convolution"');
  });

  it('maps activation layers and their parameters to the core, checked against Caffe\'s definitions', () => {
    const cases: [string, string, (x: number) => number][] = [
      ['ReLU', 'relu_param { negative_slope: 0.1 }', (x) => (x > 0 ? x : 0.1 * x)],
      ['Sigmoid', '', (x) => 1 / (1 + Math.exp(-x))],
      ['TanH', '', Math.tanh],
      ['BNLL', '', (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)))],
      ['ELU', 'elu_param { alpha: 0.5 }', (x) => (x > 0 ? x : 0.5 * (Math.exp(x) - 1))],
      ['Swish', '', (x) => x / (1 + Math.exp(-x))],
      ['Clip', 'clip_param { min: -2 max: 3 }', (x) => Math.min(Math.max(x, -2), 3)],
    ];
    for (const [type, params, reference] of cases) {
      const use = parseCaffeConfig(net(ip('fc', 'data'), act(type, 'fc', params))).activations[0];
      assert.ok(use, type);
      const def = getActivation(use.id)!;
      for (let x = -6; x <= 6; x += 0.5) assert.ok(Math.abs(def.f(x, use.params) - reference(x)) < 1e-9, `${type}(${x})`);
    }
    for (const type of ['AbsVal', 'Power', 'Exp', 'Threshold']) {
      assert.deepEqual(summary(parseCaffeConfig(net(ip('fc', 'data'), act(type, 'fc')))), ['linear InnerProduct', `unknown ${type}`], type);
    }
    assert.equal(parseCaffeConfig(net(ip('fc', 'data'), act('Swish', 'fc', 'swish_param { beta: 2 }'))).activations.length, 0);
  });

  it('follows the prediction through branches: Eltwise SUM is a skip connection, Concat an opaque merge', () => {
    const m = parseCaffeConfig(net(
      ip('a', 'data'), act('ReLU', 'a'), ip('b', 'a'),
      'layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "sum" }',
      ip('c', 'data'), 'layer { name: "cat" type: "Concat" bottom: "sum" bottom: "c" top: "cat" }',
      ip('out', 'cat'), 'layer { name: "label" type: "Input" top: "label" }',
      'layer { name: "loss" type: "SoftmaxWithLoss" bottom: "out" bottom: "label" top: "loss" }',
      'layer { name: "acc" type: "Accuracy" bottom: "out" bottom: "label" top: "acc" }',
    ));
    assert.deepEqual(summary(m), ['linear InnerProduct', 'activation ReLU→relu', 'linear InnerProduct', 'residual Eltwise', 'unknown Concat', 'linear InnerProduct']);
    assert.equal(m.stacks[0].residual, true);
  });

  it('reads V1 nets with enum types, and names several loss stacks after their loss layers', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ACT011/positive/caffe_v1_softmax_softmax_loss.prototxt'), 'utf8');
    const m = parseCaffeConfig(text);
    assert.deepEqual(summary(m), ['conv CONVOLUTION', 'pooling POOLING (max)', 'activation RELU→relu', 'linear INNER_PRODUCT', 'activation SOFTMAX→softmax']);
    assert.equal(m.stacks[0].loss?.name, 'SOFTMAX_LOSS');
    const two = parseCaffeConfig(net(ip('fc', 'data'), 'layer { name: "l1" type: "EuclideanLoss" bottom: "fc" bottom: "y" }', ip('aux', 'data'), 'layer { name: "l2" type: "HingeLoss" bottom: "aux" bottom: "y" }'));
    assert.deepEqual(two.stacks.map((s) => [s.name, s.loss?.family]), [['net → l1', 'mse'], ['net → l2', 'hinge']]);
  });

  it('gives a deploy net (no loss) a stack per output blob', () => {
    const m = parseCaffeConfig(net(ip('fc', 'data'), act('ReLU', 'fc'), ip('score', 'fc', 'score', 3), 'layer { name: "prob" type: "Softmax" bottom: "score" top: "prob" }'));
    assert.deepEqual(m.stacks.map((s) => s.name), ['net → prob']);
    assert.equal(m.stacks[0].layers.at(-1)?.activation?.dim, 1, 'Caffe softmax runs over axis 1 by default');
  });

  it('reads losses by what they take: logits for SigmoidCrossEntropyLoss and InfogainLoss, probabilities for MultinomialLogisticLoss', () => {
    const lossOf = (type: string) => parseCaffeConfig(net(ip('fc', 'data'), `layer { name: "l" type: "${type}" bottom: "fc" bottom: "y" }`)).losses[0];
    assert.deepEqual([lossOf('SigmoidCrossEntropyLoss').family, lossOf('SigmoidCrossEntropyLoss').expects], ['bce-logits', 'logits']);
    assert.equal(lossOf('InfogainLoss').expects, 'logits');
    assert.equal(lossOf('MultinomialLogisticLoss').expects, 'probabilities');
    assert.equal(lossOf('SomeCustomLoss'), undefined);
  });
});
