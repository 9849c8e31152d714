// Keras model JSON and TF.js model.json: layer order, widths, activations and their positions,
// functional graphs, nested models, Keras 2 versus 3, and the loss in compile/training configs.
import * as assert from 'node:assert/strict';
import { parseJsonConfig } from '../../../server/parse/config/index';
import { summary, textAt } from './helpers';

const dense3 = (name: string, units: number, activation: unknown) => ({
  module: 'keras.layers', class_name: 'Dense', registered_name: null,
  config: { name, trainable: true, units, activation, use_bias: true }, build_config: { input_shape: [null, 8] },
});
const sequential3 = (layers: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ module: 'keras', class_name: 'Sequential', config: { name: 'seq', layers }, registered_name: null, ...extra }, null, 2);

describe('Keras model JSON', () => {
  it('reads a Keras 3 Sequential dump: layers in order, widths, activation values where they are written', () => {
    const text = sequential3([
      { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 8], name: 'input_layer' }, registered_name: null },
      dense3('hidden', 16, 'relu'),
      { module: 'keras.layers', class_name: 'Dropout', config: { name: 'dropout', rate: 0.5 }, registered_name: null },
      dense3('out', 1, 'sigmoid'),
    ]);
    const m = parseJsonConfig(text);
    assert.equal(m.syntax, 'json');
    assert.deepEqual(summary(m), ['linear Dense "hidden"→relu', 'dropout Dropout "dropout"', 'linear Dense "out"→sigmoid']);
    assert.deepEqual(m.stacks[0].layers.map((l) => l.units), [16, undefined, 1]);
    assert.equal(m.stacks[0].name, 'seq');
    assert.equal(m.stacks[0].framework, 'keras');
    assert.equal(textAt(text, m.stacks[0].range), '"class_name": "Sequential"');
    assert.deepEqual(m.activations.map((a) => [a.spelling, a.form, a.framework, textAt(text, a.range)]), [
      ['"relu"', 'string', 'keras', '"relu"'],
      ['"sigmoid"', 'string', 'keras', '"sigmoid"'],
    ]);
    assert.equal(textAt(text, m.stacks[0].layers[2].range), '"class_name": "Dense"');
  });

  it('tells Keras 2 from Keras 3 for hard_sigmoid: keras_version, or Keras 3 serialization keys', () => {
    const keras2 = JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 4, activation: 'hard_sigmoid' } }] }, keras_version: '2.15.0' });
    const keras3 = sequential3([dense3('d', 4, 'hard_sigmoid')]);
    assert.equal(parseJsonConfig(keras2).activations[0].id, 'keras2.hard_sigmoid');
    assert.equal(parseJsonConfig(keras3).activations[0].id, 'hardsigmoid');
  });

  it('reads activation layers with their config: LeakyReLU slopes, ReLU(max_value=6), Softmax axis', () => {
    const text = JSON.stringify({ class_name: 'Sequential', keras_version: '2.13.1', config: { layers: [
      { class_name: 'Dense', config: { name: 'd', units: 4, activation: 'linear' } },
      { class_name: 'LeakyReLU', config: { name: 'leaky', alpha: 0.1 } },
      { class_name: 'ReLU', config: { name: 'r6', max_value: 6.0, negative_slope: 0.0, threshold: 0.0 } },
      { class_name: 'Softmax', config: { name: 's', axis: -1 } },
    ] } });
    const m = parseJsonConfig(text);
    assert.deepEqual(summary(m), ['linear Dense "d"→identity', 'activation LeakyReLU "leaky"→leaky_relu(negative_slope=0.1)', 'activation ReLU "r6"→relu6', 'activation Softmax "s"→softmax']);
    assert.equal(m.stacks[0].layers[3].activation?.dim, -1);
    assert.deepEqual(m.activations.map((a) => a.form), ['string', 'module', 'module', 'module']);
    const keras3 = sequential3([{ module: 'keras.layers', class_name: 'LeakyReLU', config: { name: 'l', negative_slope: 0.2 }, registered_name: null }]);
    assert.deepEqual(parseJsonConfig(keras3).activations[0].params, { negative_slope: 0.2 });
  });

  it('explains a recurrent layer\'s activations on hover, its recurrent activation as a gate, without putting them on the stack', () => {
    const text = JSON.stringify({ class_name: 'Sequential', keras_version: '2.15.0', config: { layers: [
      { class_name: 'GRU', config: { name: 'gru', units: 4, activation: 'tanh', recurrent_activation: 'hard_sigmoid' } },
    ] } });
    const m = parseJsonConfig(text);
    assert.deepEqual(m.activations.map((a) => [a.id, a.gating ?? false]), [['tanh', false], ['keras2.hard_sigmoid', true]]);
    assert.deepEqual(summary(m), ['recurrent GRU "gru"']);
  });

  it('keeps an activation it cannot model (a custom function) as an opaque step after the layer', () => {
    const custom = { module: 'builtins', class_name: 'function', config: 'swish_beta', registered_name: 'function' };
    const m = parseJsonConfig(sequential3([dense3('a', 8, custom), dense3('b', 8, 'exponential')]));
    assert.deepEqual(m.stacks[0].layers.map((l) => l.kind), ['linear', 'unknown', 'linear', 'unknown']);
  });

  it('follows a Keras 2 functional graph from its output, with Add as a skip connection and nested models inlined', () => {
    const node = (...names: string[]) => [names.map((n) => [n, 0, 0, {}])];
    const text = JSON.stringify({ class_name: 'Functional', config: { name: 'resnet_ish', layers: [
      { class_name: 'InputLayer', name: 'x', config: { name: 'x' }, inbound_nodes: [] },
      { class_name: 'Dense', name: 'd1', config: { name: 'd1', units: 8, activation: 'relu' }, inbound_nodes: node('x') },
      { class_name: 'Sequential', name: 'block', config: { name: 'block', layers: [
        { class_name: 'Dense', config: { name: 'inner', units: 8, activation: 'tanh' } },
      ] }, inbound_nodes: node('d1') },
      { class_name: 'Add', name: 'add', config: { name: 'add' }, inbound_nodes: node('d1', 'block') },
      { class_name: 'Dense', name: 'head', config: { name: 'head', units: 2, activation: 'softmax' }, inbound_nodes: node('add') },
      { class_name: 'Dense', name: 'unused', config: { name: 'unused', units: 2 }, inbound_nodes: node('x') },
    ], input_layers: [['x', 0, 0]], output_layers: [['head', 0, 0]] }, keras_version: '2.15.0' });
    const m = parseJsonConfig(text);
    assert.equal(m.stacks.length, 1);
    assert.deepEqual(summary(m), ['linear Dense "d1"→relu', 'linear Dense "inner"→tanh', 'residual Add "add"', 'linear Dense "head"→softmax']);
    assert.equal(m.stacks[0].residual, true);
  });

  it('reads Keras 3 inbound nodes (keras_history) and a single output, and Concatenate as an opaque merge', () => {
    const t = (name: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [name, 0, 0] } });
    const text = JSON.stringify({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional', config: { name: 'two_towers', layers: [
      { module: 'keras.layers', class_name: 'InputLayer', name: 'a', config: { name: 'a' }, inbound_nodes: [] },
      { module: 'keras.layers', class_name: 'InputLayer', name: 'b', config: { name: 'b' }, inbound_nodes: [] },
      { ...dense3('ta', 4, 'relu'), name: 'ta', inbound_nodes: [{ args: [t('a')], kwargs: {} }] },
      { module: 'keras.layers', class_name: 'Concatenate', name: 'cat', config: { name: 'cat', axis: -1 }, inbound_nodes: [{ args: [[t('ta'), t('b')]], kwargs: {} }] },
      { ...dense3('score', 1, 'sigmoid'), name: 'score', inbound_nodes: [{ args: [t('cat')], kwargs: {} }] },
    ], input_layers: [['a', 0, 0], ['b', 0, 0]], output_layers: ['score', 0, 0] } });
    const m = parseJsonConfig(text);
    assert.deepEqual(summary(m), ['linear Dense "ta"→relu', 'unknown Concatenate "cat"', 'linear Dense "score"→sigmoid']);
    assert.equal(m.stacks[0].residual, undefined);
  });

  it('ties compile_config and training_config losses: names, serialized objects with from_logits, per-output dicts', () => {
    const loss = (l: unknown) => parseJsonConfig(sequential3([dense3('o', 3, 'linear')], { compile_config: { loss: l } })).stacks[0].loss;
    const fields = (l: ReturnType<typeof loss>) => l && [l.name, l.family, l.expects, l.fromLogits, l.framework];
    assert.deepEqual(fields(loss('categorical_crossentropy')), ['"categorical_crossentropy"', 'categorical-ce', 'probabilities', undefined, 'keras']);
    const object = { module: 'keras.losses', class_name: 'SparseCategoricalCrossentropy', config: { from_logits: true }, registered_name: null };
    assert.deepEqual(fields(loss(object)), ['SparseCategoricalCrossentropy', 'sparse-categorical-ce', 'logits', true, 'keras']);
    assert.deepEqual(fields(loss({ ...object, config: { from_logits: false } })), ['SparseCategoricalCrossentropy', 'sparse-categorical-ce', 'probabilities', false, 'keras']);
    assert.equal(loss({ seq: 'mse' }), undefined, 'a dict names outputs of a functional model');
    assert.equal(loss('not_a_loss'), undefined);
  });

  it('reads a TF.js model.json converted from Keras (Keras semantics) and one saved by TF.js (TF.js names)', () => {
    const converted = JSON.stringify({ format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.17.0', modelTopology: {
      keras_version: '2.15.0', backend: 'tensorflow',
      model_config: { class_name: 'Sequential', config: { name: 'sequential', layers: [{ class_name: 'Dense', config: { name: 'dense', units: 10, activation: 'linear' } }] } },
      training_config: { loss: 'categorical_crossentropy', metrics: ['accuracy'] },
    }, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [4, 10], dtype: 'float32' }] }] });
    const a = parseJsonConfig(converted);
    assert.equal(a.stacks[0].framework, 'keras');
    assert.equal(a.stacks[0].loss?.family, 'categorical-ce');
    const saved = JSON.stringify({ modelTopology: {
      class_name: 'Sequential', keras_version: 'tfjs-layers 4.20.0', backend: 'tensor_flow.js',
      config: { name: 'sequential_1', layers: [{ class_name: 'Dense', config: { name: 'dense_Dense1', units: 4, activation: 'hardSigmoid' } }] },
    }, format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.20.0', convertedBy: null, weightsManifest: [] });
    const b = parseJsonConfig(saved);
    assert.equal(b.stacks[0].framework, 'tfjs');
    assert.equal(b.activations[0].id, 'keras2.hard_sigmoid');
  });

  it('ignores a TF.js graph model and JSON that merely mentions class_name', () => {
    assert.deepEqual(parseJsonConfig(JSON.stringify({ format: 'graph-model', modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] } })).stacks, []);
    assert.deepEqual(parseJsonConfig('{"class_name": "Widget", "config": {}}').stacks, []);
  });
});
