// YAML model configs: Ultralytics YOLO rows with the Conv activation (explicit or SiLU by
// default), and generic layer lists with activation/act keys, block or flow style, with anchors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlConfig } from '../../../server/parse/config/index';
import { summary, textAt } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/config');

describe('Ultralytics YOLO YAML', () => {
  it('gives every Conv and block the default SiLU, with a use on each module name for hovers', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ACT001/negative/yolov8n.yaml'), 'utf8');
    const m = parseYamlConfig(text);
    assert.equal(m.syntax, 'yaml');
    const [stack] = m.stacks;
    assert.equal(textAt(text, stack.range), 'backbone');
    assert.equal(stack.residual, true, 'C2f shortcuts and Concat rows merge branches');
    assert.equal(stack.layers.length, 23);
    assert.deepEqual(summary(m).slice(0, 3), ['conv Conv→silu', 'conv Conv→silu', 'conv C2f→silu']);
    assert.deepEqual(summary(m).slice(10, 12), ['reshape nn.Upsample', 'unknown Concat']);
    assert.equal(summary(m).at(-1), 'conv Detect', 'the head emits raw scores');
    const first = m.activations[0];
    assert.deepEqual([first.id, first.spelling, first.framework, textAt(text, first.range)], ['silu', 'Conv: nn.SiLU() (Conv.default_act)', 'pytorch', 'Conv']);
    assert.equal(textAt(text, stack.layers[0].range), '[-1, 1, Conv, [64, 3, 2]]');
  });

  it('reads the top-level activation: as PyTorch code, parameters included', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ACT031/negative/yolov5s_leakyrelu.yaml'), 'utf8');
    const m = parseYamlConfig(text);
    assert.equal(m.activations.length, 1);
    const [use] = m.activations;
    assert.deepEqual([use.id, use.params, use.spelling, textAt(text, use.range)], ['leaky_relu', { negative_slope: 0.1 }, 'nn.LeakyReLU', 'nn.LeakyReLU(0.1)']);
    assert.ok(m.stacks[0].layers.filter((l) => l.kind === 'conv' && l.name !== 'Detect').every((l) => l.activation === use));
  });

  it('keeps Convs whose activation cannot be read as opaque steps', () => {
    const m = parseYamlConfig('activation: MyAct()\nbackbone:\n  - [-1, 1, Conv, [16, 3, 2]]\n  - [-1, 1, nn.Conv2d, [16, 16, 1]]\nhead:\n  - [-1, 1, Classify, [10]]\n');
    assert.deepEqual(summary(m), ['conv Conv', 'unknown activation', 'conv nn.Conv2d', 'conv Classify']);
  });
});

describe('generic YAML layer lists', () => {
  it('reads block-style lists: kinds from type names or width keys, names as written, a stack named by its path', () => {
    const text = 'model:\n  layers:\n    - type: Linear\n      out_features: 64\n      activation: gelu\n    - units: 32\n      act: LeakyReLU\n    - type: dropout\n      rate: 0.1\n    - type: Linear\n      out_features: 1\n      activation: null\n';
    const m = parseYamlConfig(text);
    assert.deepEqual(summary(m), ['linear Linear→gelu(approximate=none)', 'linear linear→leaky_relu(negative_slope=0.01)', 'dropout dropout', 'linear Linear']);
    assert.deepEqual(m.stacks[0].layers.map((l) => l.units), [64, 32, undefined, 1]);
    assert.deepEqual([m.stacks[0].name, textAt(text, m.stacks[0].range)], ['model.layers', 'layers']);
    assert.deepEqual(m.activations.map((a) => [a.spelling, textAt(text, a.range)]), [['gelu', 'gelu'], ['LeakyReLU', 'LeakyReLU']]);
  });

  it('reads flow-style items, calls as PyTorch code, activation layers by type, and unmodelled names as opaque steps', () => {
    const text = 'net:\n  - {type: Conv2d, out_channels: 16, activation: nn.LeakyReLU(0.2)}\n  - {type: ReLU}\n  - {type: Dense, units: 8, activation: rational}\n  - {type: Dense, units: 2, activation: softmax}\n';
    const m = parseYamlConfig(text);
    assert.deepEqual(summary(m), ['conv Conv2d→leaky_relu(negative_slope=0.2)', 'activation ReLU→relu', 'linear Dense', 'unknown activation', 'linear Dense→softmax']);
  });

  it('reads an alias to a scalar, and explains activation keys outside layer lists on hover', () => {
    const m = parseYamlConfig('defaults:\n  act: &act silu\nblocks:\n  - {type: Linear, out_features: 8, activation: *act}\n  - {type: Linear, out_features: 8}\n');
    assert.deepEqual(summary(m), ['linear Linear→silu', 'linear Linear']);
    assert.deepEqual(m.activations.map((a) => `${a.id}@${a.range.start.line}`), ['silu@1', 'silu@3']);
  });
});
