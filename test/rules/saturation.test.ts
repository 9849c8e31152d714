// ACT001 / ACT002 on hand-built models. Reference figures from mpmath (30 digits):
// E[sigmoid'(z)] = 0.2066209641, z ~ N(0,1); sup sigmoid' = 0.25; E[tanh'(z)] = 0.6057055096.
// ACT001's typical figures are the init-aware mean-field estimate (PyTorch default init, widths
// taken as 128; shared/activations/meanField.ts, validated against PyTorch measurements there).
import * as assert from 'node:assert/strict';
import { act, dense, findings, layer, loss, model, stack, summary, use } from './build';

/** Linear, sigmoid, Linear, sigmoid, ... (`n` hidden sigmoids), then a Linear output. */
function sigmoidMlp(n: number, id = 'sigmoid') {
  const layers = [];
  for (let i = 0; i < n; i++) layers.push(dense(10 + 2 * i), act(id, 11 + 2 * i));
  layers.push(dense(10 + 2 * n, 10));
  return stack(layers, { range: { start: { line: 9, character: 8 }, end: { line: 11 + 2 * n, character: 9 } } });
}

describe('ACT001 saturating-hidden-stack', () => {
  it('reports three hidden sigmoids with the typical and bound figures', () => {
    const [f] = findings(model(sigmoidMlp(3)), 'ACT001');
    assert.equal(f.message, "3 sigmoid hidden layers: typical gradient at the first ≈ 0.5% of the output's under PyTorch default init (bound 1.6%)");
    assert.deepEqual(f.range, act('sigmoid', 11).range, 'on the first saturating activation');
    assert.equal(f.related?.length, 3);
    assert.deepEqual(f.related?.[0].range, act('sigmoid', 11).range, 'related info points at the first saturating layer');
    assert.match(f.related![0].message, /sigmoid 1 of 3: typical gradient here ≈ 0\.5%/);
    assert.match(f.related![2].message, /sigmoid 3 of 3: typical gradient here ≈ 24% of the output's \(bound 25%\)/);
  });

  it('stays silent while the typical figure is above the threshold (two sigmoids: 3.3%)', () => {
    assert.deepEqual(findings(model(sigmoidMlp(2)), 'ACT001'), []);
  });

  it('reads the threshold from the settings, and says "layer" for one', () => {
    assert.match(findings(model(sigmoidMlp(1)), 'ACT001', { act001Threshold: 0.3 })[0].message, /^1 sigmoid hidden layer: typical gradient at the first ≈ 23%/);
    assert.equal(findings(model(sigmoidMlp(2)), 'ACT001', { act001Threshold: 0.05 }).length, 1);
    assert.equal(findings(model(sigmoidMlp(3)), 'ACT001', { act001Threshold: 0.004 }).length, 0);
  });

  it('needs nine tanh layers under the PyTorch default init to fall below 1% (0.9%), eight are not enough (1.6%)', () => {
    assert.equal(findings(model(sigmoidMlp(8, 'tanh')), 'ACT001').length, 0);
    const [f] = findings(model(sigmoidMlp(9, 'tanh')), 'ACT001');
    assert.match(f.message, /^9 tanh hidden layers: typical gradient at the first ≈ 0\.9%/);
  });

  it('does not count the output activation', () => {
    const s = stack([dense(1), act('sigmoid', 2), dense(3), act('sigmoid', 4), dense(5), act('sigmoid', 6)]);
    assert.deepEqual(findings(model(s), 'ACT001'), []);
  });

  it('names mixed saturating activations', () => {
    const s = stack([dense(1), act('hardsigmoid', 2), dense(3), act('sigmoid', 4), dense(5), act('hardsigmoid', 6), dense(7)]);
    const [f] = findings(model(s), 'ACT001');
    assert.match(f.message, /^3 saturating \(hardsigmoid, sigmoid\) hidden layers: typical gradient at the first ≈ 0\.2%/);
  });

  it('stays silent on gates, residual stacks and recurrent stacks', () => {
    const gated = stack([dense(1), act('sigmoid', 2, { gating: true }), dense(3), act('sigmoid', 4, { gating: true }), dense(5), act('sigmoid', 6, { gating: true }), dense(7)]);
    assert.deepEqual(findings(model(gated), 'ACT001'), []);
    assert.deepEqual(findings(model({ ...sigmoidMlp(4), residual: true }), 'ACT001'), []);
    const recurrent = sigmoidMlp(4);
    recurrent.layers.unshift(layer('recurrent', 'nn.LSTM', 9));
    assert.deepEqual(findings(model(recurrent), 'ACT001'), []);
  });

  it('gives no figure for parameters that are not literals', () => {
    const s = stack([dense(1), act('hardtanh', 2, { unknownParams: ['min_val'] }), dense(3), act('sigmoid', 4), dense(5), act('sigmoid', 6), dense(7), act('sigmoid', 8), dense(9)]);
    assert.deepEqual(findings(model(s), 'ACT001'), []);
  });
});

describe('ACT002 sigmoid-hidden-activation', () => {
  it('reports a hidden sigmoid with the slope figures from the core', () => {
    const [f] = findings(model(stack([dense(1), act('sigmoid', 2, { spelling: 'nn.Sigmoid' }), dense(3, 3)])), 'ACT002');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^nn\.Sigmoid as a hidden activation: .* at most 0\.25 \(0\.21 on average for N\(0,1\) inputs\)/);
  });

  it('stays silent on output sigmoids and gates', () => {
    assert.deepEqual(findings(model(stack([dense(1), act('relu', 2), dense(3), act('sigmoid', 4)])), 'ACT002'), []);
    assert.deepEqual(findings(model(stack([dense(1), act('sigmoid', 2, { gating: true }), dense(3)])), 'ACT002'), []);
  });

  it('does not repeat what ACT001 reports, but reports when ACT001 is off', () => {
    assert.deepEqual(summary(findings(model(sigmoidMlp(3)))), ['ACT001@11']);
    const withoutAct001 = findings(model(sigmoidMlp(3)), undefined, { severity: { ACT001: 'off' } });
    assert.deepEqual(summary(withoutAct001), ['ACT002@11', 'ACT002@13', 'ACT002@15']);
    assert.equal(findings(model(sigmoidMlp(3)), 'ACT002', { ignore: ['ACT001'] }).length, 3);
  });

  it('reports fused Keras sigmoids', () => {
    const s = stack([dense(1, 64, 'sigmoid', 'keras'), dense(2, 10, 'softmax', 'keras')], { framework: 'keras' });
    assert.deepEqual(summary(findings(model(s))), ['ACT002@1']);
  });
});

describe('settings and suppression in the rule runner', () => {
  it('applies severity overrides', () => {
    const [f] = findings(model(sigmoidMlp(3)), 'ACT001', { severity: { ACT001: 'error' } });
    assert.equal(f.severity, 'error');
  });

  it('uses the most specific of select and ignore', () => {
    assert.equal(findings(model(sigmoidMlp(3)), undefined, { select: ['ACT0'], ignore: ['ACT001'] }).length, 3, 'ACT002 takes over');
    assert.equal(findings(model(sigmoidMlp(3)), undefined, { select: ['ACT001'], ignore: ['ACT0'] }).length, 1);
    assert.equal(findings(model(sigmoidMlp(3)), undefined, { select: ['ACT01'] }).length, 0);
  });

  it('reports nothing on a ReLU regression stack with a stray activation outside it', () => {
    const m = model(stack([dense(1), act('relu', 2), dense(3, 1)], { loss: loss('mse', 'any', 5) }));
    m.activations.push(use('relu', 7, { form: 'functional' }));
    assert.deepEqual(findings(m), []);
  });
});

describe('the rule runner', () => {
  it('reports a layer shared by two stacks once', () => {
    const shared = stack([dense(1), act('sigmoid', 2), dense(3, 3)]);
    const caller = stack([...shared.layers, act('softmax', 5, { dim: -1 })], { name: 'predict' });
    assert.deepEqual(summary(findings(model(shared, caller))), ['ACT002@2']);
  });
});
