// The `gradient` command of the built CLI (dist/cli.js; `npm test` builds it first).
import * as assert from 'node:assert/strict';
import { gradientEstimate } from '../../shared/activations';
import { NAMED_INITS } from '../../shared/activations/initSchemes';
import { estimateStack, plainStack } from '../../shared/activations/meanField';
import plainTable from '../data/gradients/plain-mlp.json';
import { runCli } from './runCli';

interface Output {
  init: string;
  width: number;
  layers: { activation: string; bound: number; typical: number }[];
}

function json(...args: string[]): Output {
  const r = runCli(['gradient', ...args, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('activation-lens gradient', () => {
  it('prints {init, width, layers: [{activation, bound, typical}]} with the defaults torch-default and 128', () => {
    const out = json('relu,tanh,gelu');
    assert.deepEqual(Object.keys(out), ['init', 'width', 'layers']);
    assert.equal(out.init, 'torch-default');
    assert.equal(out.width, 128);
    assert.deepEqual(out.layers.map((l) => Object.keys(l)), Array(3).fill(['activation', 'bound', 'typical']));
    assert.deepEqual(out.layers.map((l) => l.activation), ['relu', 'tanh', 'gelu']);
    const layers = [{ id: 'relu' }, { id: 'tanh' }, { id: 'gelu' }];
    assert.deepEqual(out.layers.map((l) => l.bound), gradientEstimate(layers).bound);
    const items = estimateStack(plainStack(layers.map((l) => ({ kind: 'activation' as const, ...l })), NAMED_INITS['torch-default'], 128)).items;
    assert.deepEqual(out.layers.map((l) => l.typical), [1, 3, 5].map((k) => items[k].gradientRatio));
  });

  it('agrees with PyTorch: five ReLU layers, each of the measured initialisations', () => {
    const relu = plainTable.activations.find((r) => r.id === 'relu')!;
    for (const [init, results] of Object.entries(relu.results)) {
      const out = json('relu,relu,relu,relu,relu', '--init', init);
      assert.equal(out.init, init);
      out.layers.forEach((l, i) => {
        const measured = results.median[4][i];
        assert.ok(Math.max(l.typical / measured, measured / l.typical) <= 1.5, `${init} layer ${i + 1}: ${l.typical} vs ${measured}`);
      });
    }
  });

  it('takes framework names with their defaults, and --width', () => {
    const narrow = json('keras.LeakyReLU,swish', '--width', '16');
    assert.equal(narrow.width, 16);
    assert.deepEqual(narrow.layers.map((l) => l.activation), ['leaky_relu', 'silu']);
    const wide = json('keras.LeakyReLU,swish', '--width', '1024');
    assert.notEqual(narrow.layers[0].typical, wide.layers[0].typical);
  });

  it('prints a table with its assumptions', () => {
    const r = runCli(['gradient', 'relu,sigmoid', '--init', 'he-normal', '--width', '64']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^layer\s+activation\s+bound\s+typical\n\s+1\s+relu\s/);
    assert.match(r.stdout, /\n\s+2\s+sigmoid\s+0\.250\s/);
    assert.match(r.stdout, /equal widths 64/);
    assert.match(r.stdout, /Init he-normal: weight variance 2\/fan_in, zero bias/);
    assert.doesNotMatch(r.stdout, /Normalization|Residual/);
  });

  it('exits 2 on usage errors, with close matches for names', () => {
    const cases: [string[], RegExp][] = [
      [['rleu'], /unknown activation 'rleu' \(did you mean .*'relu'/],
      [['relu', '--init', 'he_normal'], /unknown --init 'he_normal' \(did you mean 'he-normal'\?\)/],
      [['relu', '--width', '1'], /--width takes an integer/],
      [['relu', '--width', '12.5'], /--width takes an integer/],
      [['relu,,tanh'], /separated by commas/],
      [['softmax'], /vector-valued/],
      [['relu', '--format', 'yaml'], /--format must be text or json/],
      [[], /takes one ACT/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['gradient', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, message);
    }
    const help = runCli(['gradient', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: activation-lens gradient/);
  });
});
