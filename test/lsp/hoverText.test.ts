import * as assert from 'node:assert/strict';
import { getActivation } from '../../shared/activations';
import type { ActivationProperties } from '../../shared/activations/types';
import { activationHover, formatNumber, formatRange, hfActivationNote, lossHover } from '../../server/lsp/hoverText';
import type { LossUse } from '../../server/model/layerStack';

const SIGMOID: ActivationProperties = {
  id: 'sigmoid',
  range: { min: 0, max: 1, minInclusive: false, maxInclusive: false },
  zeroCentered: false,
  monotonic: true,
  smooth: true,
  saturating: 'both',
  maxDerivative: 0.25,
  argMaxDerivative: 0,
  meanDerivative: 0.2074,
  meanSquaredDerivative: 0.0451,
  cost: 'transcendental',
  frameworks: {
    pytorch: { spellings: ['nn.Sigmoid()', 'torch.sigmoid'], notes: [] },
    keras: { spellings: ['"sigmoid"', 'keras.activations.sigmoid'], notes: [] },
    tfjs: { spellings: ["'sigmoid'"], notes: ['Same formula.'] },
  },
};

const r0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } };

describe('lsp: hover text', () => {
  it('formats numbers and intervals the way ML engineers read them', () => {
    assert.equal(formatNumber(0.25), '0.25');
    assert.equal(formatNumber(1 / 3), '0.333');
    assert.equal(formatNumber(3.2e-4), '3.2e-4');
    assert.equal(formatNumber(12345), '1.2e4');
    assert.equal(formatNumber(-Infinity), '-∞');
    assert.equal(formatRange({ min: 0, max: null, minInclusive: true, maxInclusive: false }), '[0, ∞)');
    assert.equal(formatRange({ min: -1, max: 1, minInclusive: false, maxInclusive: false }), '(-1, 1)');
    assert.equal(formatRange({ min: null, max: null, minInclusive: false, maxInclusive: false }), '(-∞, ∞)');
  });

  it('describes an activation: name, formula, properties, position, gradient, other spellings and a plot link', () => {
    const text = activationHover({
      use: { spelling: 'nn.Sigmoid', form: 'module', framework: 'pytorch' },
      title: 'Sigmoid',
      formula: 'sigmoid(x) = 1 / (1 + exp(-x))',
      changedParams: [],
      properties: SIGMOID,
      placement: { stackName: 'Discriminator', hidden: { index: 3, of: 5 }, gradient: { typical: 3.1e-4, bound: 9.8e-4, assumptions: 'unit-variance pre_activations * 2' } },
      plotCommand: 'command:activationLens.plotActivation?x',
    });
    assert.equal(
      text,
      [
        '**Sigmoid** · `nn.Sigmoid` (PyTorch module)',
        '',
        '`sigmoid(x) = 1 / (1 + exp(-x))`',
        '',
        '- Range `(0, 1)`, not zero-centred',
        '- Monotonic, smooth',
        '- Max derivative `0.25` at `x = 0`',
        "- Saturates in both tails: f' → 0 as |x| grows",
        '- Cost: transcendental (exp, tanh or erf per element)',
        '',
        '**In `Discriminator`:** hidden layer 3 of 5',
        '',
        "**Gradient at this layer's input**, relative to the output: typical `3.1e-4`, bound `9.8e-4`",
        '',
        'Assumes: unit-variance pre\\_activations \\* 2',
        '',
        '**Other frameworks**',
        '',
        '- Keras: `"sigmoid"`, `keras.activations.sigmoid`',
        "- TF.js: `'sigmoid'`",
        '  - Same formula.',
        '',
        '[Plot](command:activationLens.plotActivation?x)',
      ].join('\n'),
    );
  });

  it('marks gates, the output layer, changed parameters and an interval maximum', () => {
    const relu: ActivationProperties = { ...SIGMOID, id: 'leaky_relu', argMaxDerivative: null, maxDerivative: 1, saturating: 'none', cost: 'piecewise-linear', frameworks: {} };
    const gate = activationHover({ use: { spelling: 'torch.sigmoid', form: 'functional', framework: 'pytorch', gating: true }, title: 'Sigmoid', formula: 'f', changedParams: [], properties: SIGMOID });
    assert.match(gate, /_Used as a gate \(it multiplies another tensor\), not as a layer activation\._/);
    assert.doesNotMatch(gate, /\[Plot\]/);
    const out = activationHover({
      use: { spelling: '"leaky_relu"', form: 'string', framework: 'keras' },
      title: 'LeakyReLU',
      formula: 'f',
      changedParams: ['negative_slope=0.2'],
      properties: relu,
      placement: { stackName: 'model' },
    });
    assert.match(out, /\(Keras activation string\)/);
    assert.match(out, /- Max derivative `1` \(on an interval or in the limit\)/);
    assert.match(out, /- Does not saturate/);
    assert.match(out, /- Parameters: `negative_slope=0.2`/);
    assert.match(out, /\*\*In `model`:\*\* output layer$/m);
    assert.doesNotMatch(out, /Gradient at/);
  });

  it('reports parameters it cannot use: expressions (default assumed) and values the definition rejects', () => {
    const base = { use: { spelling: 'nn.ELU', form: 'module' as const, framework: 'pytorch' as const }, title: 'ELU', formula: 'f', changedParams: [] };
    assert.match(activationHover({ ...base, properties: SIGMOID, assumedParams: ['alpha=1'] }), /- Not literal, default assumed: `alpha=1`/);
    const invalid = activationHover({ ...base, paramProblem: "parameter 'alpha' of elu must be a finite number" });
    assert.match(invalid, /Invalid parameters: parameter 'alpha' of elu must be a finite number$/);
    assert.doesNotMatch(invalid, /Range/);
  });

  it('says what a loss expects, and gives PyTorch BCELoss its stable alternative', () => {
    const loss = (over: Partial<LossUse>): LossUse => ({ name: 'nn.BCELoss', family: 'bce', expects: 'probabilities', framework: 'pytorch', range: r0, ...over });
    const bce = lossHover(loss({}));
    assert.match(bce, /^\*\*Loss\*\* · `nn\.BCELoss` \(PyTorch\)\n\nExpects \*\*probabilities\*\*/);
    assert.match(bce, /`nn\.BCEWithLogitsLoss`/);
    const logits = lossHover(loss({ name: 'nn.BCEWithLogitsLoss', family: 'bce-logits', expects: 'logits' }));
    assert.match(logits, /Expects \*\*logits\*\*/);
    assert.doesNotMatch(logits, /BCEWithLogitsLoss` \(or/);
    const keras = lossHover(loss({ name: 'BinaryCrossentropy', framework: 'keras' }));
    assert.match(keras, /from_logits=True/);
    const logLoss = lossHover(loss({ name: 'tf.losses.log_loss', framework: 'tensorflow' }));
    assert.doesNotMatch(logLoss, /from_logits/, 'TF1 log_loss has no from_logits');
    assert.match(logLoss, /`tf\.nn\.sigmoid_cross_entropy_with_logits`/);
  });

  it('places one spelling several hidden layers apply: every block of a config, every layer of a loop, or some', () => {
    const hover = (framework: 'config' | 'pytorch', hidden: { index: number; of: number; count?: number }) => activationHover({
      use: { spelling: '"gelu"', form: 'string', framework },
      title: 'GELU',
      formula: 'f(x) = x * Phi(x)',
      changedParams: [],
      properties: SIGMOID,
      placement: { stackName: 'BertModel', hidden, gradient: { typical: 0.5, bound: 1, assumptions: 'a' } },
    });
    assert.match(hover('config', { index: 1, of: 12, count: 12 }), /\*\*In `BertModel`:\*\* every block: this setting applies to all 12 blocks/);
    assert.match(hover('pytorch', { index: 1, of: 4, count: 4 }), /every hidden layer: this code applies it in all 4/);
    assert.match(hover('pytorch', { index: 2, of: 5, count: 3 }), /3 of 5 hidden layers, the first of them layer 2/);
    assert.match(hover('pytorch', { index: 2, of: 5, count: 3 }), /\*\*Gradient at the first of these layers' input\*\*/);
    assert.match(hover('pytorch', { index: 2, of: 5 }), /hidden layer 2 of 5\n\n\*\*Gradient at this layer's input\*\*/);
  });

  it('says what each Hugging Face GELU name runs: four are the tanh approximation', () => {
    for (const name of ['gelu_new', 'gelu_pytorch_tanh', 'gelu_accurate', 'gelu_fast', 'gated-gelu']) {
      assert.match(hfActivationNote(`"${name}"`) ?? '', /tanh approximation .*not the exact erf GELU/, name);
    }
    // gelu and gelu_python are the erf form: the core's note on PyTorch's erf applies to them.
    assert.equal(hfActivationNote('"gelu"'), undefined);
    assert.equal(hfActivationNote('"gelu_python"'), undefined);
    assert.match(hfActivationNote('"swish"') ?? '', /nn\.SiLU/);
    assert.equal(hfActivationNote('gelu_new'), undefined, 'only a JSON string spelling');
    // The quoted distance between the two forms: max |tanh form - erf form| over a fine grid.
    const gelu = getActivation('gelu')!;
    let worst = { d: 0, x: 0 };
    for (let x = -10; x <= 10; x += 1e-3) {
      const d = Math.abs(gelu.f(x, { approximate: 'tanh' }) - gelu.f(x, { approximate: 'none' }));
      if (d > worst.d) worst = { d, x };
    }
    assert.equal(worst.d.toPrecision(2), '0.00047');
    assert.equal(Math.abs(worst.x).toFixed(1), '2.7');
  });

  it("states the spelling's own framework default where it differs from PyTorch's (tf.nn.leaky_relu: 0.2)", () => {
    const tensorflow = { spellings: ['tf.nn.leaky_relu'], notes: ['leaky_relu: default negative_slope = 0.2 (PyTorch: 0.01)', 'The slope argument is alpha.'] };
    const text = activationHover({
      use: { spelling: 'tf.nn.leaky_relu', form: 'functional', framework: 'tensorflow' },
      title: 'LeakyReLU',
      formula: 'f(x) = x if x > 0 else negative_slope * x',
      changedParams: ['negative_slope=0.2'],
      properties: { ...SIGMOID, frameworks: { ...SIGMOID.frameworks, tensorflow } },
    });
    assert.match(text, /\n- TensorFlow default negative\\_slope = 0\.2 \(PyTorch: 0\.01\)\n/);
    assert.doesNotMatch(text, /- TensorFlow: /, 'the own framework stays out of the other frameworks');
  });

  it('states the float32 sigmoid saturation point the BCELoss advice quotes', () => {
    // torch.sigmoid computes 1 / (1 + exp(-x)) in float32; 1 + exp(-x) rounds to 1 once exp(-x) < 2^-24.
    const sigmoid32 = (x: number) => Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-x))));
    assert.notEqual(sigmoid32(16.6), 1);
    assert.equal(sigmoid32(16.65), 1);
    assert.match(lossHover({ name: 'nn.BCELoss', family: 'bce', expects: 'probabilities', framework: 'pytorch', range: r0 }), /above about `16\.6`/);
  });
});
