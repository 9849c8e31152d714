// Large configs: the maxLayers refusal in every syntax with layers, and files of thousands of
// repeated blocks read exactly as one block is read, repeated (the layer chains and the lookup of
// claimed activation keys were quadratic once; the linear versions must keep every layer).
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/analysis/analyze';
import { DEFAULT_LIMITS } from '../../../server/analysis/limits';
import type { DocumentModel } from '../../../server/model/layerStack';
import { parseCaffeConfig, parseDarknetConfig, parseYamlConfig } from '../../../server/parse/config/index';
import { MAX_LAYERS } from '../../../server/parse/config/uses';
import { summary } from './helpers';

const BLOCKS = 3000;
const refusal = (n: number) => `more than ${n.toLocaleString('en')} layers (the maxLayers limit)`;
const repeat = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, () => xs).flat();
/** Activation ids and lines, in document order. */
const uses = (m: DocumentModel) => m.activations.map((a) => `${a.id}@${a.range.start.line}`);

const yoloRows = (n: number) => `backbone:\n${'  - [-1, 1, Conv, [64, 3, 2]]\n'.repeat(n)}head:\n  - [-1, 1, nn.Upsample, [None, 2, "nearest"]]\n`;
const layerList = (n: number) => `model:\n  layers:\n${'    - {type: Dense, units: 8, activation: relu}\n'.repeat(n)}`;

describe('config parsers: maxLayers in YAML', () => {
  it('refuses Ultralytics YAML with more rows than maxLayers, with one problem naming the limit', () => {
    assert.equal(parseYamlConfig(yoloRows(2), 3).skipped, undefined);
    assert.deepEqual(parseYamlConfig(yoloRows(3), 3), { stacks: [], activations: [], losses: [], syntax: 'yaml', skipped: refusal(3) });
    assert.equal(parseYamlConfig(yoloRows(MAX_LAYERS)).skipped, refusal(MAX_LAYERS));
  });

  it('refuses generic YAML whose layer lists hold more items than maxLayers, counted over all lists', () => {
    assert.equal(parseYamlConfig(layerList(3), 3).skipped, undefined);
    assert.equal(parseYamlConfig(layerList(4), 3).skipped, refusal(3));
    assert.equal(parseYamlConfig(`${layerList(2)}  head:\n${'    - {type: Dense, units: 8, activation: relu}\n'.repeat(2)}`, 3).skipped, refusal(3));
    assert.equal(parseYamlConfig(layerList(MAX_LAYERS + 1)).skipped, refusal(MAX_LAYERS));
  });

  it('takes the limit from the analysis limits (activationLens.maxLayers)', () => {
    const limits = { ...DEFAULT_LIMITS, maxLayers: 3 };
    for (const [text, path] of [[yoloRows(3), 'yolov8n.yaml'], [layerList(4), 'model.yml']]) {
      assert.equal(analyze({ text, path }, undefined, limits).model.skipped, refusal(3), path);
      assert.equal(analyze({ text, path }, undefined, { ...limits, maxLayers: 4 }).model.skipped, undefined, path);
    }
  });
});

describe('config parsers: thousands of blocks read as one block repeated', function () {
  this.timeout(20000);

  it('darknet: convolutions, a shortcut and a concatenating route per block, up to one [yolo] head', () => {
    const block = '[convolutional]\nfilters=64\nsize=3\nactivation=leaky\n\n[convolutional]\nfilters=32\nactivation=mish\n\n[shortcut]\nfrom=-2\n\n[route]\nlayers=-1,-3\n\n';
    const cfg = (n: number) => `[net]\nwidth=416\n\n${block.repeat(n)}[yolo]\nclasses=80\n`;
    const one = parseDarknetConfig(cfg(1));
    const many = parseDarknetConfig(cfg(BLOCKS), BLOCKS * 4 + 1);
    assert.equal(one.stacks.length, 1);
    assert.deepEqual(summary(many), repeat(summary(one), BLOCKS));
    assert.equal(many.stacks[0].residual, true);
    assert.deepEqual(many.losses.map((l) => l.name), ['[yolo]']);
    const blockLines = block.split('\n').length - 1;
    assert.deepEqual(uses(many), Array.from({ length: BLOCKS }, (_, k) => uses(one).map((u) => u.replace(/@(\d+)$/, (_m, line) => `@${Number(line) + k * blockLines}`))).flat());
  });

  it('Caffe: convolution, in-place ReLU and an Eltwise sum with the previous block per block, up to the loss', () => {
    const block = (i: number) =>
      `layer { name: "c${i}" type: "Convolution" bottom: "s${i - 1}" top: "c${i}" convolution_param { num_output: 16 } }\n` +
      `layer { name: "r${i}" type: "ReLU" bottom: "c${i}" top: "c${i}" }\n` +
      `layer { name: "s${i}" type: "Eltwise" bottom: "c${i}" bottom: "s${i - 1}" top: "s${i}" }\n`;
    const net = (n: number) =>
      `name: "Deep"\nlayer { name: "data" type: "Input" top: "s0" }\n${Array.from({ length: n }, (_, k) => block(k + 1)).join('')}` +
      `layer { name: "loss" type: "SoftmaxWithLoss" bottom: "s${n}" bottom: "label" top: "loss" }\n`;
    const one = parseCaffeConfig(net(1));
    const many = parseCaffeConfig(net(BLOCKS), BLOCKS * 3 + 2);
    assert.deepEqual(summary(one), ['conv Convolution', 'activation ReLU→relu', 'residual Eltwise']);
    assert.deepEqual(summary(many), repeat(summary(one), BLOCKS));
    assert.equal(many.stacks[0].residual, true);
    assert.equal(many.activations.length, BLOCKS);
  });

  it('generic YAML: every item of a long layer list, and every activation key outside it, once each', () => {
    const doc = (n: number) =>
      `${layerList(n)}blocks:\n${Array.from({ length: n }, (_, k) => `  b${k}: {act: gelu, width: 8}\n`).join('')}`;
    const many = parseYamlConfig(doc(BLOCKS), BLOCKS);
    assert.deepEqual(summary(many), repeat(summary(parseYamlConfig(doc(1))), BLOCKS));
    const lists = BLOCKS + 2;
    assert.deepEqual(uses(many), [
      ...Array.from({ length: BLOCKS }, (_, k) => `relu@${k + 2}`),
      ...Array.from({ length: BLOCKS }, (_, k) => `gelu@${k + lists + 1}`),
    ]);
  });

  it('Ultralytics YAML: one Conv per row', () => {
    const many = parseYamlConfig(yoloRows(BLOCKS), BLOCKS + 1);
    assert.deepEqual(summary(many), [...repeat(['conv Conv→silu'], BLOCKS), 'reshape nn.Upsample']);
  });
});
