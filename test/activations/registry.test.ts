import * as assert from 'node:assert/strict';
import { ACTIVATIONS, ParamError, getActivation, resolveParams } from '../../shared/activations';

describe('registry', () => {
  it('is one list sorted by unique id, with every required activation', () => {
    const ids = ACTIVATIONS.map((d) => d.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    const required = [
      'sigmoid', 'tanh', 'relu', 'relu6', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish',
      'softplus', 'softsign', 'hardsigmoid', 'hardtanh', 'hardswish', 'logsigmoid', 'tanhshrink', 'softshrink',
      'hardshrink', 'threshold', 'identity', 'softmax', 'log_softmax', 'keras2.hard_sigmoid', 'gelu_sigmoid',
    ];
    assert.deepEqual(required.filter((id) => !getActivation(id)), []);
  });

  it("declares PyTorch's parameter names and defaults", () => {
    const defaults = (id: string) => resolveParams(getActivation(id)!);
    assert.deepEqual(defaults('leaky_relu'), { negative_slope: 0.01 });
    assert.deepEqual(defaults('prelu'), { weight: 0.25 });
    assert.deepEqual(defaults('rrelu'), { lower: 1 / 8, upper: 1 / 3 });
    assert.deepEqual(defaults('elu'), { alpha: 1 });
    assert.deepEqual(defaults('celu'), { alpha: 1 });
    assert.deepEqual(defaults('gelu'), { approximate: 'none' });
    assert.deepEqual(defaults('softplus'), { beta: 1, threshold: 20 });
    assert.deepEqual(defaults('hardtanh'), { min_val: -1, max_val: 1 });
    assert.deepEqual(defaults('softshrink'), { lambd: 0.5 });
    assert.deepEqual(defaults('hardshrink'), { lambd: 0.5 });
    assert.deepEqual(defaults('threshold'), { threshold: 0, value: 0 });
  });

  it('flags exactly softmax and log_softmax as vector-valued', () => {
    assert.deepEqual(ACTIVATIONS.filter((d) => d.vector).map((d) => d.id), ['log_softmax', 'softmax']);
  });

  it('lists kinks where the definition switches branch', () => {
    const kinks = (id: string, params?: Record<string, number | string>) => {
      const def = getActivation(id)!;
      return def.kinks(resolveParams(def, params));
    };
    assert.deepEqual(kinks('relu6'), [0, 6]);
    assert.deepEqual(kinks('hardtanh', { min_val: -2, max_val: 3 }), [-2, 3]);
    assert.deepEqual(kinks('softplus', { beta: 2, threshold: 10 }), [5]);
    assert.deepEqual(kinks('softshrink', { lambd: 0 }), [0]);
    assert.deepEqual(kinks('sigmoid'), []);
  });
});

describe('resolveParams', () => {
  const elu = getActivation('elu')!;
  const rejects = (fn: () => unknown, param: string | undefined, message: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof ParamError && e instanceof RangeError && e.param === param && message.test(e.message));

  it('merges overrides over defaults and freezes the result', () => {
    const p = resolveParams(getActivation('softplus')!, { beta: 2 });
    assert.deepEqual(p, { beta: 2, threshold: 20 });
    assert.ok(Object.isFrozen(p));
  });

  it('names the parameter in every rejection', () => {
    rejects(() => resolveParams(elu, { alfa: 1 }), 'alfa', /unknown parameter 'alfa' for elu \(accepted: alpha\)/);
    rejects(() => resolveParams(getActivation('relu')!, { alpha: 1 }), 'alpha', /takes no parameters/);
    rejects(() => resolveParams(elu, { alpha: 'big' }), 'alpha', /finite number/);
    rejects(() => resolveParams(elu, { alpha: Infinity }), 'alpha', /finite number/);
    rejects(() => resolveParams(getActivation('gelu')!, { approximate: 'erf' }), 'approximate', /one of 'none', 'tanh'/);
    rejects(() => resolveParams(getActivation('softplus')!, { beta: 0 }), 'beta', /must be > 0/);
    rejects(() => resolveParams(getActivation('softshrink')!, { lambd: -0.1 }), 'lambd', /must be >= 0/);
    rejects(() => resolveParams(getActivation('hardtanh')!, { min_val: 1, max_val: 1 }), undefined, /min_val must be less than max_val/);
    rejects(() => resolveParams(getActivation('leaky_relu')!, { negative_slope: 1e300 }), 'negative_slope', /within ±1000000/);
    rejects(() => resolveParams(getActivation('softplus')!, { beta: 1e-300 }), 'beta', /between 0.000001 and 1000000/);
    rejects(() => resolveParams(getActivation('rrelu')!, { lower: 0.5, upper: 0.1 }), undefined, /lower must not exceed upper/);
  });
});
