// Framework spellings: the defaults each framework documents, and the names the CLI accepts.
import * as assert from 'node:assert/strict';
import {
  activationNames, getActivation, lookupActivation, mapFrameworkParam, resolveFrameworkCall, resolveFrameworkName, spellings,
} from '../../shared/activations';
import type { Framework } from '../../shared/activations';

const resolves = (framework: Framework, name: string, id: string, params: Record<string, number | string> = {}, opts = {}) => {
  const got = resolveFrameworkName(framework, name, opts);
  assert.ok(got, `${framework} ${name} is not resolved`);
  assert.equal(got.id, id, `${framework} ${name}`);
  for (const [k, v] of Object.entries(params)) assert.equal(got.params[k], v, `${framework} ${name}: ${k}`);
};

describe('resolveFrameworkName', () => {
  it('PyTorch modules, functions, tensor methods and in-place variants', () => {
    resolves('pytorch', 'Sigmoid', 'sigmoid');
    resolves('pytorch', 'sigmoid', 'sigmoid');
    resolves('pytorch', 'LeakyReLU', 'leaky_relu', { negative_slope: 0.01 });
    resolves('pytorch', 'GELU', 'gelu', { approximate: 'none' });
    resolves('pytorch', 'PReLU', 'prelu', { weight: 0.25 });
    resolves('pytorch', 'relu_', 'relu');
    resolves('pytorch', 'Identity', 'identity');
    resolves('pytorch', 'LogSoftmax', 'log_softmax');
    resolves('pytorch', 'expit', 'sigmoid');
    assert.equal(resolveFrameworkName('pytorch', 'Dropout'), undefined);
  });

  it('Keras: per-function and per-layer defaults, hard_sigmoid by version', () => {
    resolves('keras', 'leaky_relu', 'leaky_relu', { negative_slope: 0.2 });
    resolves('keras', 'LeakyReLU', 'leaky_relu', { negative_slope: 0.3 });
    resolves('keras', 'ELU', 'elu', { alpha: 1 });
    resolves('keras', 'PReLU', 'prelu', { weight: 0 });
    resolves('keras', 'Softmax', 'softmax');
    resolves('keras', 'gelu', 'gelu', { approximate: 'none' });
    resolves('keras', 'swish', 'silu');
    resolves('keras', 'linear', 'identity');
    resolves('keras', 'hard_swish', 'hardswish');
    resolves('keras', 'hard_sigmoid', 'keras2.hard_sigmoid');
    resolves('keras', 'hard_sigmoid', 'keras2.hard_sigmoid', {}, { kerasVersion: 2 });
    resolves('keras', 'hard_sigmoid', 'hardsigmoid', {}, { kerasVersion: 3 });
    resolves('keras', 'ThresholdedReLU', 'threshold', { threshold: 1, value: 0 }, { kerasVersion: 2 });
    assert.equal(resolveFrameworkName('keras', 'ThresholdedReLU', { kerasVersion: 3 }), undefined);
    assert.equal(resolveFrameworkName('keras', 'exponential'), undefined);
  });

  it('TensorFlow ops', () => {
    resolves('tensorflow', 'leaky_relu', 'leaky_relu', { negative_slope: 0.2 });
    resolves('tensorflow', 'gelu', 'gelu', { approximate: 'none' });
    resolves('tensorflow', 'log_sigmoid', 'logsigmoid');
    resolves('tensorflow', 'swish', 'silu');
    assert.equal(resolveFrameworkName('tensorflow', 'crelu'), undefined);
  });

  it('TF.js: op and layer defaults differ, hardSigmoid is the Keras 2 formula', () => {
    resolves('tfjs', 'leakyRelu', 'leaky_relu', { negative_slope: 0.2 });
    resolves('tfjs', 'leakyReLU', 'leaky_relu', { negative_slope: 0.3 });
    resolves('tfjs', 'hardSigmoid', 'keras2.hard_sigmoid');
    resolves('tfjs', 'hard_sigmoid', 'keras2.hard_sigmoid');
    resolves('tfjs', 'gelu_new', 'gelu', { approximate: 'tanh' });
    resolves('tfjs', 'gelu', 'gelu', { approximate: 'none' });
    resolves('tfjs', 'linear', 'identity');
    resolves('tfjs', 'thresholdedReLU', 'threshold', { threshold: 1, value: 0 });
    resolves('tfjs', 'prelu', 'prelu', { weight: 0 }, { kind: 'layer' });
    resolves('tfjs', 'prelu', 'prelu', { weight: 0.25 }, { kind: 'functional' });
  });

  it('Hugging Face ACT2FN names', () => {
    resolves('hf', 'gelu', 'gelu', { approximate: 'none' });
    for (const name of ['gelu_new', 'gelu_pytorch_tanh', 'gelu_fast', 'gelu_accurate']) resolves('hf', name, 'gelu', { approximate: 'tanh' });
    resolves('hf', 'quick_gelu', 'gelu_sigmoid');
    resolves('hf', 'swish', 'silu');
    resolves('hf', 'leaky_relu', 'leaky_relu', { negative_slope: 0.01 });
    for (const name of ['gelu_10', 'relu2', 'laplace']) assert.equal(resolveFrameworkName('hf', name), undefined, name);
  });

  it('every table entry names a registered activation', () => {
    for (const id of ['sigmoid', 'keras2.hard_sigmoid', 'gelu_sigmoid']) assert.ok(getActivation(id));
    for (const name of activationNames()) assert.ok(getActivation(lookupActivation(name)?.id ?? ''), name);
  });
});

describe('mapFrameworkParam', () => {
  it('maps framework argument names and values to core parameters', () => {
    assert.deepEqual(mapFrameworkParam('keras', 'leaky_relu', 'alpha', 0.1), { name: 'negative_slope', value: 0.1 });
    assert.deepEqual(mapFrameworkParam('keras', 'leaky_relu', 'negative_slope', 0.1), { name: 'negative_slope', value: 0.1 });
    assert.deepEqual(mapFrameworkParam('tensorflow', 'leaky_relu', 'alpha', 0.3), { name: 'negative_slope', value: 0.3 });
    assert.deepEqual(mapFrameworkParam('tensorflow', 'gelu', 'approximate', true), { name: 'approximate', value: 'tanh' });
    assert.deepEqual(mapFrameworkParam('keras', 'gelu', 'approximate', false), { name: 'approximate', value: 'none' });
    assert.deepEqual(mapFrameworkParam('pytorch', 'gelu', 'approximate', 'tanh'), { name: 'approximate', value: 'tanh' });
    assert.deepEqual(mapFrameworkParam('keras', 'elu', 'alpha', 0.5), { name: 'alpha', value: 0.5 });
    assert.deepEqual(mapFrameworkParam('pytorch', 'softplus', 'beta', 2), { name: 'beta', value: 2 });
    assert.deepEqual(mapFrameworkParam('pytorch', 'prelu', 'init', 0.1), { name: 'weight', value: 0.1 });
    assert.deepEqual(mapFrameworkParam('keras', 'softshrink', 'threshold', 1), { name: 'lambd', value: 1 });
    assert.deepEqual(mapFrameworkParam('keras', 'threshold', 'default_value', -1), { name: 'value', value: -1 });
    assert.deepEqual(mapFrameworkParam('keras', 'prelu', 'alpha_initializer', 'zeros'), { name: 'weight', value: 0 });
    assert.deepEqual(mapFrameworkParam('tfjs', 'threshold', 'theta', 2), { name: 'threshold', value: 2 });
  });

  it('returns undefined for arguments the core does not model or values of the wrong type', () => {
    assert.equal(mapFrameworkParam('pytorch', 'relu', 'inplace', true), undefined);
    assert.equal(mapFrameworkParam('pytorch', 'softmax', 'dim', 1), undefined);
    assert.equal(mapFrameworkParam('pytorch', 'leaky_relu', 'negative_slope', 'big'), undefined);
    assert.equal(mapFrameworkParam('keras', 'prelu', 'alpha_initializer', 'glorot_uniform'), undefined);
  });
});

describe('resolveFrameworkCall', () => {
  it('turns Keras ReLU arguments into the activation they define', () => {
    assert.deepEqual(resolveFrameworkCall('keras', 'ReLU', { max_value: 6 }), { id: 'relu6', params: {}, ignored: [] });
    assert.deepEqual(resolveFrameworkCall('keras', 'ReLU', { max_value: 1, name: 'r' }), { id: 'hardtanh', params: { min_val: 0, max_val: 1 }, ignored: ['name'] });
    assert.deepEqual(resolveFrameworkCall('keras', 'relu', { alpha: 0.1 }), { id: 'leaky_relu', params: { negative_slope: 0.1 }, ignored: [] });
    assert.deepEqual(resolveFrameworkCall('keras', 'ReLU', { threshold: 1.5 }), { id: 'threshold', params: { threshold: 1.5, value: 0 }, ignored: [] });
    assert.deepEqual(resolveFrameworkCall('tfjs', 'reLU', { maxValue: 6 }), { id: 'relu6', params: {}, ignored: [] });
    assert.deepEqual(resolveFrameworkCall('keras', 'ReLU', { max_value: null }), { id: 'relu', params: {}, ignored: [] });
    assert.equal(resolveFrameworkCall('keras', 'ReLU', { max_value: 6, negative_slope: 0.1 }), undefined);
  });

  it('maps other arguments and lists the ones it ignores', () => {
    assert.deepEqual(resolveFrameworkCall('pytorch', 'LeakyReLU', { negative_slope: 0.2, inplace: true }), {
      id: 'leaky_relu', params: { negative_slope: 0.2 }, ignored: ['inplace'],
    });
    assert.deepEqual(resolveFrameworkCall('keras', 'LeakyReLU', {}), { id: 'leaky_relu', params: { negative_slope: 0.3 }, ignored: [] });
    assert.deepEqual(resolveFrameworkCall('tensorflow', 'gelu', { approximate: true }), { id: 'gelu', params: { approximate: 'tanh' }, ignored: [] });
    assert.throws(() => resolveFrameworkCall('pytorch', 'Softshrink', { lambd: -1 }), /lambd/);
  });
});

describe('lookupActivation and activationNames', () => {
  const looks = (name: string, id: string, params: Record<string, number | string> = {}) => {
    const got = lookupActivation(name);
    assert.ok(got, name);
    assert.equal(got.id, id, name);
    for (const [k, v] of Object.entries(params)) assert.equal(got.params[k], v, `${name}: ${k}`);
  };

  it('accepts ids, titles, framework spellings and prefixed names', () => {
    looks('leaky_relu', 'leaky_relu', { negative_slope: 0.01 });
    looks('LeakyReLU', 'leaky_relu', { negative_slope: 0.01 });
    looks('keras2.hard_sigmoid', 'keras2.hard_sigmoid');
    looks('keras3.hard_sigmoid', 'hardsigmoid');
    looks('tfjs.hardSigmoid', 'keras2.hard_sigmoid');
    looks('tfjs.hard_sigmoid', 'keras2.hard_sigmoid');
    looks('quick_gelu', 'gelu_sigmoid');
    looks('gelu_new', 'gelu', { approximate: 'tanh' });
    looks('swish', 'silu');
    looks('linear', 'identity');
    looks('keras.LeakyReLU', 'leaky_relu', { negative_slope: 0.3 });
    looks('tf.nn.leaky_relu', 'leaky_relu', { negative_slope: 0.2 });
    looks('nn.GELU', 'gelu');
    looks('F.softplus', 'softplus');
  });

  it('falls back to case-insensitive matching when that is unambiguous', () => {
    looks('leaky_ReLU', 'leaky_relu');
    looks('SIGMOID', 'sigmoid');
    looks('TFJS.HARDSIGMOID', 'keras2.hard_sigmoid');
  });

  it('refuses names that frameworks define differently', () => {
    assert.equal(lookupActivation('hard_sigmoid'), undefined);
    assert.equal(lookupActivation('keras.hard_sigmoid'), undefined);
    assert.equal(lookupActivation('leakyrelu'), undefined);
    assert.equal(lookupActivation('nonsense'), undefined);
  });

  it('lists every accepted name, sorted', () => {
    const names = activationNames();
    assert.deepEqual(names, [...names].sort());
    for (const name of ['leaky_relu', 'LeakyReLU', 'keras2.hard_sigmoid', 'tfjs.hardSigmoid', 'quick_gelu']) assert.ok(names.includes(name), name);
    assert.ok(!names.includes('hard_sigmoid'));
  });
});

describe('spellings', () => {
  it('lists per framework how an activation is written and how its defaults differ', () => {
    const s = spellings('leaky_relu');
    assert.ok(s.pytorch?.spellings.includes('nn.LeakyReLU'));
    assert.ok(s.keras?.spellings.includes('keras.layers.LeakyReLU'));
    assert.ok(s.keras?.notes.some((n) => n.includes('negative_slope = 0.3')));
    assert.ok(s.tensorflow?.notes.some((n) => n.includes('negative_slope = 0.2')));
    assert.ok(s.tfjs?.spellings.includes('tf.leakyRelu'));
  });

  it('explains the hard_sigmoid formula differences', () => {
    assert.ok(spellings('keras2.hard_sigmoid').tfjs?.notes.some((n) => n.includes('0.2x + 0.5')));
    assert.ok(spellings('hardsigmoid').keras?.notes.some((n) => n.includes('Keras 3')));
  });

  it('omits frameworks without a built-in', () => {
    assert.equal(spellings('rrelu').keras, undefined);
    assert.deepEqual(Object.keys(spellings('gelu_sigmoid')), ['hf']);
  });
});
