// The init-aware estimate through conv stacks against PyTorch measurements
// (scripts/measure/conv_gradients.py, test/data/gradients/conv.json), and the conv stacks it
// gives no figure for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackGradient, whyNoFigure, type ChainLink } from '../../server/analysis/stackGradient';
import type { Framework, Layer, LayerStack } from '../../server/model/layerStack';
import { parseCaffeConfig, parseDarknetConfig, parseJsonConfig } from '../../server/parse/config/index';
import { parsePython } from '../../server/parse/python';
import { parseTfjs } from '../../server/parse/tfjs/index';
import { NAMED_INITS } from '../../shared/activations';
import convTable from '../data/gradients/conv.json';

// The accuracy asked of every gradient figure: estimate and median measurement within this factor.
const FACTOR = 1.5;

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The measured network: [Conv2d(c_in or c, c, 3) -> f] x depth, then an output conv; the init as the table names it. */
function convStack(init: string, id: string, depth: number, inChannels: number, channels: number): LayerStack {
  // PyTorch's default and Keras' Glorot default as the frameworks apply them; He normal as code sets it.
  const framework: Framework = init === 'glorot-uniform' ? 'keras' : 'pytorch';
  const he = init === 'he-normal'
    ? { init: { weight: { init: NAMED_INITS['he-normal'].weight, label: 'He normal', source: 'nn.init.kaiming_normal_', range: at }, bias: { init: NAMED_INITS['he-normal'].bias, label: 'zeros', source: 'nn.init.zeros_', range: at } } }
    : {};
  const conv = (cIn: number): Layer => ({ kind: 'conv', name: 'Conv2d', range: at, inFeatures: cIn, units: channels, kernelSize: [3, 3], ...he });
  const layers: Layer[] = [];
  for (let i = 0; i < depth; i++) {
    layers.push(conv(i === 0 ? inChannels : channels));
    layers.push({ kind: 'activation', name: id, range: at, activation: { id, params: {}, spelling: id, form: 'module', framework, range: at } });
  }
  layers.push(conv(channels));
  return { framework, name: 'net', range: at, layers };
}

const chainOf = (stack: LayerStack): ChainLink[] => stack.layers.flatMap((l, index) => (l.activation ? [{ index, use: l.activation }] : []));

function distance(estimate: number, measured: number): number {
  return Math.max(estimate / measured, measured / estimate);
}

describe('conv stack gradient estimate against PyTorch', () => {
  for (const entry of convTable.stacks) {
    const { inChannels, channels, id, init } = entry;
    const name = `${id}, ${init}, ${inChannels}->${channels} channels, depths 1-${convTable.maxDepth}`;
    if (channels < 16) {
      // Measured off by up to 1.55x at 8 channels (ReLU at depth 5-6): no figure rather than that one.
      it(`${name}: no figure below 16 channels`, () => {
        const stack = convStack(init, id, convTable.maxDepth, inChannels, channels);
        assert.equal(stackGradient(stack, chainOf(stack)), undefined);
        assert.match(whyNoFigure(stack, chainOf(stack))!, /^not made: Conv2d at line 1 has 8 channels/);
      });
      continue;
    }
    it(`${name}: every layer within ${FACTOR}x of the median measurement`, () => {
      const off: string[] = [];
      entry.median.forEach((row, d) => {
        const stack = convStack(init, id, d + 1, inChannels, channels);
        const g = stackGradient(stack, chainOf(stack));
        assert.ok(g?.init, `an init-aware figure at depth ${d + 1}`);
        row.forEach((measured, i) => {
          if (distance(g.typical[i], measured) > FACTOR) off.push(`depth ${d + 1} layer ${i + 1}: ${g.typical[i].toPrecision(3)} vs ${measured}`);
        });
      });
      assert.deepEqual(off, []);
    });
  }
});

describe('conv stacks read from code', () => {
  it('estimates the DCGAN discriminator (stride-2 convs, BatchNorm2d, a one-channel head) within 1.5x at every activation', () => {
    const source = readFileSync(join(__dirname, '../fixtures/python/ACT010/positive/dcgan_discriminator.py'), 'utf8');
    const stack = parsePython(source).stacks[0];
    const g = stackGradient(stack, chainOf(stack));
    assert.equal(g?.init, 'PyTorch default init');
    const off = convTable.dcgan.median.filter((measured, i) => distance(g.typical[i], measured) > FACTOR);
    assert.deepEqual(off, [], `estimate ${g.typical.map((t) => t.toPrecision(3)).join(', ')}`);
  });

  const figure = (source: string) => {
    const stack = parsePython(source).stacks[0];
    return { g: stackGradient(stack, chainOf(stack)), why: whyNoFigure(stack, chainOf(stack)), stack };
  };

  it('estimates four sigmoid convs under the PyTorch default init from the written sizes', () => {
    const { g, stack } = figure(`import torch.nn as nn
net = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1), nn.Sigmoid(),
    nn.Conv2d(32, 32, kernel_size=(3, 3), padding=1), nn.Sigmoid(),
    nn.Conv2d(32, 32, 3, padding=1), nn.Sigmoid(),
    nn.Conv2d(32, 32, 3, padding=1), nn.Sigmoid(),
    nn.Flatten(), nn.Linear(32 * 32 * 32, 10),
)
`);
    assert.deepEqual(stack.layers.filter((l) => l.kind === 'conv').map((l) => l.kernelSize), [[3, 3], [3, 3], [3, 3], [3, 3]]);
    assert.equal(g?.init, 'PyTorch default init');
    // Measured at 16 and 32 channels (3 -> 16 for the first conv): 6.1e-4 at the first sigmoid.
    assert.ok(g.typical[0] > 6.1e-4 / FACTOR && g.typical[0] < 6.1e-4 * FACTOR, String(g.typical[0]));
    assert.match(g.assumptions, /fan-in in-channels × kernel elements/);
    assert.doesNotMatch(g.assumptions, /taken/);
  });

  it('gives no figure through max pooling, a nonlinearity of its own', () => {
    const { g, why } = figure(`import torch.nn as nn
net = nn.Sequential(nn.Conv2d(3, 32, 3), nn.Tanh(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3), nn.Tanh(), nn.Conv2d(32, 32, 3))
`);
    assert.equal(g, undefined);
    assert.match(why!, /^not made: nn\.MaxPool2d at line 2 pools neighbouring positions/);
  });

  it('gives no figure for a grouped or depthwise conv, whose fan-in is not in-channels × kernel', () => {
    const { g, why } = figure(`import torch.nn as nn
net = nn.Sequential(nn.Conv2d(32, 32, 3, groups=32), nn.Tanh(), nn.Conv2d(32, 32, 3), nn.Tanh(), nn.Conv2d(32, 32, 3))
`);
    assert.equal(g, undefined);
    assert.match(why!, /^not made: nn\.Conv2d at line 2 has no kernel size the estimate reads/);
  });

  it('takes unwritten Keras in-channels equal to the neighbouring layer and says so', () => {
    const { g, stack } = figure(`from tensorflow import keras
m = keras.Sequential([keras.layers.Conv2D(32, 3, activation="tanh"), keras.layers.Conv2D(32, (3, 3), activation="tanh"), keras.layers.Conv2D(10, 1)])
`);
    assert.deepEqual(stack.layers.map((l) => l.kernelSize), [[3, 3], [3, 3], [1, 1]]);
    assert.equal(g?.init, 'Glorot-uniform init (the Keras and TF.js default)');
    assert.match(g.assumptions, /conv channels not written as literals taken equal/i);
  });

  it('gives no figure for a hidden Dense after the convolutions when its input size is not written', () => {
    const { g, why } = figure(`from tensorflow import keras
m = keras.Sequential([keras.layers.Conv2D(32, 3, activation="tanh"), keras.layers.Flatten(), keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
`);
    assert.equal(g, undefined);
    assert.match(why!, /^not made: keras\.layers\.Dense at line 2 follows the convolutions without its input size written/);
  });
});

describe('kernel sizes recorded on conv layers', () => {
  const kernels = (stack: LayerStack) => stack.layers.filter((l) => l.kind === 'conv').map((l) => l.kernelSize ?? null);

  it('reads TF.js kernelSize as a number or an array, not as a variable', () => {
    const m = parseTfjs(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu'}));
model.add(tf.layers.conv2d({filters: 16, kernelSize: [3, 5], activation: 'relu'}));
model.add(tf.layers.conv1d({filters: 16, kernelSize: k, activation: 'relu'}));
`, 'ts');
    assert.deepEqual(kernels(m.stacks[0]), [[5, 5], [3, 5], null]);
  });

  it('reads a saved Keras model\'s kernel_size, not for a grouped conv', () => {
    const m = parseJsonConfig(JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers: [
      { class_name: 'Conv2D', config: { filters: 32, kernel_size: [3, 3], activation: 'tanh' } },
      { class_name: 'Conv2D', config: { filters: 32, kernel_size: [3, 3], groups: 4, activation: 'tanh' } },
      { class_name: 'Conv1D', config: { filters: 32, kernel_size: 5, activation: 'tanh' } },
    ] } }));
    assert.deepEqual(kernels(m.stacks[0]), [[3, 3], null, [5]]);
  });

  it('reads Darknet size= (ungrouped) and Caffe kernel_size or kernel_h/kernel_w', () => {
    const darknet = parseDarknetConfig('[net]\nwidth=416\n\n[convolutional]\nfilters=32\nsize=3\nactivation=leaky\n\n[convolutional]\nfilters=32\nsize=3\ngroups=32\nactivation=leaky\n');
    assert.deepEqual(kernels(darknet.stacks[0]), [[3, 3], null]);
    const caffe = parseCaffeConfig(`layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 20 kernel_size: 5 } }
layer { name: "r" type: "ReLU" bottom: "c" top: "c" }
layer { name: "c2" type: "Convolution" bottom: "c" top: "c2" convolution_param { num_output: 20 kernel_h: 3 kernel_w: 1 } }
`);
    assert.deepEqual(kernels(caffe.stacks[0]), [[5, 5], [3, 1]]);
  });

  it('reads PyTorch kernel_size positionally or by keyword, int or tuple, and none for a grouped conv', () => {
    const m = parsePython(`import torch.nn as nn
net = nn.Sequential(nn.Conv1d(3, 8, 7), nn.ReLU(), nn.Conv2d(8, 8, kernel_size=(3, 5)), nn.ReLU(), nn.Conv2d(8, 8, 3, 1, 1, 1, 2), nn.ReLU(), nn.Conv3d(8, 8, k))
`);
    assert.deepEqual(kernels(m.stacks[0]), [[7], [3, 5], null, null]);
  });
});
