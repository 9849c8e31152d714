// Darknet .cfg: darknet's activation names against its own definitions, defaults, sections and
// routes, heads as losses, and the tokenizer's reading of whitespace and comments.
import * as assert from 'node:assert/strict';
import { getActivation } from '../../../shared/activations';
import { tokenizeCfg } from '../../../server/parse/config/darknetCfg';
import { parseDarknetConfig } from '../../../server/parse/config/index';
import { summary, textAt } from './helpers';

/**
 * Darknet's own definitions, transcribed from AlexeyAB/darknet src/activations.h (the same as
 * pjreddie/darknet for the names both have): the core must compute the same function for the id
 * each name resolves to. SELU and GELU use darknet's rounded constants, hence the tolerance.
 */
const DARKNET: Record<string, (x: number) => number> = {
  logistic: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => x * Number(x > 0),
  relu6: (x) => Math.min(Math.max(x, 0), 6),
  relie: (x) => (x > 0 ? x : 0.01 * x),
  leaky: (x) => (x > 0 ? x : 0.1 * x),
  revleaky: (x) => (x > 0 ? x : 0.1 * x),
  linear: (x) => x,
  tanh: (x) => 2 / (1 + Math.exp(-2 * x)) - 1,
  elu: (x) => Number(x >= 0) * x + Number(x < 0) * (Math.exp(x) - 1),
  selu: (x) => Number(x >= 0) * 1.0507 * x + Number(x < 0) * 1.0507 * 1.6732 * (Math.exp(x) - 1),
  gelu: (x) => 0.5 * x * (1 + Math.tanh(0.797885 * x + 0.035677 * x ** 3)),
  swish: (x) => x / (1 + Math.exp(-x)),
  mish: (x) => x * Math.tanh(x > 20 ? x : x < -20 ? Math.exp(x) : Math.log(Math.exp(x) + 1)),
  hardtan: (x) => (x < -1 ? -1 : x > 1 ? 1 : x),
};

const NET = '[net]\nwidth=416\nheight=416\nchannels=3\n';

function activationFor(name: string) {
  return parseDarknetConfig(`${NET}\n[convolutional]\nfilters=8\nsize=3\nactivation=${name}\n`).activations[0];
}

describe('darknet .cfg', () => {
  for (const [name, reference] of Object.entries(DARKNET)) {
    it(`activation=${name} computes darknet's ${name}`, () => {
      const use = activationFor(name);
      assert.ok(use, `${name} resolves`);
      const def = getActivation(use.id)!;
      for (let x = -8; x <= 8; x += 0.25) {
        const want = reference(x);
        assert.ok(Math.abs(def.f(x, use.params) - want) <= 1e-4 * Math.max(1, Math.abs(want)), `${name}(${x}): ${def.f(x, use.params)} vs ${want}`);
      }
    });
  }

  it('leaves ramp, plse, loggy, stair, lhtan and hard_mish unmodelled: an opaque step, no use', () => {
    for (const name of ['ramp', 'plse', 'loggy', 'stair', 'lhtan', 'hard_mish', 'normalize_channels']) {
      const m = parseDarknetConfig(`${NET}\n[convolutional]\nfilters=8\nactivation=${name}\n[convolutional]\nfilters=8\nactivation=leaky\n`);
      assert.deepEqual(m.activations.map((a) => a.spelling), ['leaky'], name);
      assert.deepEqual(summary(m), ['conv [convolutional]', `unknown activation=${name}`, 'conv [convolutional]→leaky_relu(negative_slope=0.1)'], name);
    }
  });

  it('applies darknet defaults: logistic for [convolutional] and [connected] without activation=, at the section header', () => {
    const text = `${NET}\n[connected]\noutput=64\n\n[connected]\noutput=10\nactivation=linear\n`;
    const m = parseDarknetConfig(text);
    assert.deepEqual(summary(m), ['linear [connected]→sigmoid', 'linear [connected]→identity']);
    assert.deepEqual(m.stacks[0].layers.map((l) => l.units), [64, 10]);
    const [implicit] = m.activations;
    assert.equal(implicit.spelling, 'logistic (darknet default for [connected])');
    assert.equal(textAt(text, implicit.range), '[connected]');
    assert.equal(textAt(text, m.activations[1].range), 'linear');
  });

  it('follows [route] (a jump or a concatenation) and [shortcut] (a skip connection), one stack per [yolo] head', () => {
    const text = `${NET}
[convolutional]
filters=16
activation=leaky

[convolutional]
filters=32
activation=leaky

[shortcut]
from=-2
activation=linear

[convolutional]
filters=255
activation=linear

[yolo]
mask=0,1,2

[route]
layers=-3

[convolutional]
filters=16
activation=mish

[route]
layers=-1,0

[convolutional]
filters=255
activation=linear

[yolo]
mask=3,4,5
`;
    const m = parseDarknetConfig(text);
    assert.deepEqual(m.stacks.map((s) => [s.name, s.residual, s.loss?.name, s.layers.map((l) => l.kind).join(' ')]), [
      ['network → [yolo] 1', true, '[yolo]', 'conv conv residual conv'],
      ['network → [yolo] 2', true, '[yolo]', 'conv conv residual conv unknown conv'],
    ]);
    assert.equal(textAt(text, m.stacks[1].range), '[yolo]');
    assert.deepEqual(m.losses.map((l) => [l.family, l.expects]), [['bce-logits', 'logits'], ['bce-logits', 'logits']]);
  });

  it('reads [scale_channels] and [sam] as gates: the logistic before them multiplies an earlier output, which the data follows', () => {
    const text = `${NET}
[convolutional]
filters=32
activation=swish

[avgpool]

[convolutional]
filters=8
activation=swish

[convolutional]
filters=32
activation=logistic

[scale_channels]
from=-4

[convolutional]
filters=16
activation=linear
`;
    const m = parseDarknetConfig(text);
    assert.deepEqual(summary(m), ['conv [convolutional]→silu', 'unknown [scale_channels]', 'conv [convolutional]→identity']);
    assert.equal(m.activations.find((a) => a.spelling === 'logistic')?.gating, true);
  });

  it('reads [yolo] new_coords=1 as a head that takes probabilities (the convolution applies the logistic)', () => {
    const m = parseDarknetConfig(`${NET}\n[convolutional]\nfilters=255\nactivation=logistic\n\n[yolo]\nnew_coords=1\n`);
    assert.deepEqual([m.stacks[0].loss?.name, m.stacks[0].loss?.expects], ['[yolo] new_coords=1', 'probabilities']);
  });

  it('tokenizes as darknet does: whitespace anywhere, # and ; comments, the first value of a repeated key', () => {
    const sections = tokenizeCfg('; header\n[net]\n  width = 416 \n[convolutional]\n# note\nactivation = leaky\nactivation=relu\n');
    assert.deepEqual(sections.map((s) => [s.type, s.line, s.options.map((o) => `${o.key}=${o.value}@${o.line}:${o.valueStart}-${o.valueEnd}`)]), [
      ['net', 1, ['width=416@2:10-13']],
      ['convolutional', 3, ['activation=leaky@5:13-18', 'activation=relu@6:11-15']],
    ]);
    const m = parseDarknetConfig('[net]\n[convolutional]\nactivation = leaky\nactivation=relu\n');
    assert.equal(m.activations[0].spelling, 'leaky');
  });

  it('is not a darknet network unless the first section is [net] or [network]', () => {
    assert.deepEqual(parseDarknetConfig('[metadata]\nname = x\n[convolutional]\nactivation=leaky\n').stacks, []);
    assert.equal(parseDarknetConfig('# comment\n\n[network]\n[connected]\noutput=2\n').stacks.length, 1);
  });
});
