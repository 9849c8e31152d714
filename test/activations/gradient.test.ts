import * as assert from 'node:assert/strict';
import { gradientEstimate, properties } from '../../shared/activations';

describe('gradientEstimate', () => {
  it('multiplies sup|f\'| and E[f\'(z)] from the output back to each layer', () => {
    const layers = [{ id: 'sigmoid' }, { id: 'tanh' }, { id: 'leaky_relu', params: { negative_slope: 0.2 } }];
    const { bound, typical, assumptions } = gradientEstimate(layers);
    const sup = layers.map((l) => properties(l.id, l.params).maxDerivative);
    const mean = layers.map((l) => properties(l.id, l.params).meanDerivative as number);
    assert.deepEqual(bound, [sup[0] * sup[1] * sup[2], sup[1] * sup[2], sup[2]]);
    assert.deepEqual(typical, [mean[0] * mean[1] * mean[2], mean[1] * mean[2], mean[2]]);
    // Known values: sup σ' = 1/4, E[tanh'(z)] ≈ 0.6057, E[leaky'(z)] = (1 + 0.2)/2.
    assert.equal(bound[0], 0.25);
    assert.ok(Math.abs(typical[2] - 0.6) < 1e-15);
    assert.ok(Math.abs(typical[1] - 0.6 * 0.6057055096021589) < 1e-12);
    assert.match(assumptions, /N\(0,1\)/);
  });

  it('shows the decay of a deep sigmoid stack', () => {
    const { bound, typical } = gradientEstimate(Array.from({ length: 10 }, () => ({ id: 'sigmoid' })));
    assert.equal(bound[0], 0.25 ** 10);
    assert.ok(typical[0] < 1e-6);
  });

  it('is empty for no layers and rejects vector-valued or unknown activations', () => {
    assert.deepEqual(gradientEstimate([]).bound, []);
    assert.throws(() => gradientEstimate([{ id: 'softmax' }]), /vector-valued/);
    assert.throws(() => gradientEstimate([{ id: 'nope' }]), RangeError);
  });
});
