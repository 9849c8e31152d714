// Derived properties against what the definitions imply, for defaults and non-default parameters.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTIVATIONS, ParamError, properties, resolveParams, spellings } from '../../shared/activations';
import type { ActivationProperties, ValueRange } from '../../shared/activations';
import { SELU_ALPHA, SELU_SCALE } from '../../shared/activations/defs/exponential';

const INF = null;
const range = (min: number | null, max: number | null, minInclusive: boolean, maxInclusive: boolean): ValueRange => ({ min, max, minInclusive, maxInclusive });

type Expected = Partial<Omit<ActivationProperties, 'frameworks'>>;

const EXPECTED: [string, Record<string, number | string> | undefined, Expected][] = [
  ['sigmoid', undefined, { range: range(0, 1, false, false), zeroCentered: false, monotonic: true, smooth: true, saturating: 'both', maxDerivative: 0.25, argMaxDerivative: 0 }],
  ['tanh', undefined, { range: range(-1, 1, false, false), zeroCentered: true, monotonic: true, smooth: true, saturating: 'both', maxDerivative: 1, argMaxDerivative: 0 }],
  ['relu', undefined, { range: range(0, INF, true, false), zeroCentered: false, monotonic: true, smooth: false, saturating: 'negative', maxDerivative: 1, argMaxDerivative: null, meanDerivative: 0.5 }],
  ['relu6', undefined, { range: range(0, 6, true, true), zeroCentered: false, smooth: false, saturating: 'both' }],
  ['leaky_relu', undefined, { range: range(INF, INF, false, false), zeroCentered: true, monotonic: true, saturating: 'none', maxDerivative: 1, argMaxDerivative: null }],
  ['leaky_relu', { negative_slope: 2 }, { maxDerivative: 2, argMaxDerivative: null }],
  ['leaky_relu', { negative_slope: -0.5 }, { range: range(0, INF, true, false), monotonic: false }],
  ['elu', undefined, { range: range(-1, INF, false, false), smooth: true, saturating: 'negative' }],
  ['elu', { alpha: 2 }, { range: range(-2, INF, false, false), smooth: false, maxDerivative: 2, argMaxDerivative: 0 }],
  ['celu', { alpha: 0.5 }, { range: range(-0.5, INF, false, false), smooth: true }],
  ['selu', undefined, { range: range(-SELU_ALPHA * SELU_SCALE, INF, false, false), smooth: false, maxDerivative: SELU_ALPHA * SELU_SCALE, argMaxDerivative: 0 }],
  ['softplus', undefined, { range: range(0, INF, false, false), monotonic: true, smooth: true, saturating: 'negative', argMaxDerivative: null }],
  ['softplus', { threshold: 1 }, { monotonic: false, smooth: false }],
  ['logsigmoid', undefined, { range: range(INF, 0, false, false), saturating: 'positive', maxDerivative: 1, argMaxDerivative: null }],
  ['softsign', undefined, { range: range(-1, 1, false, false), smooth: true, saturating: 'both', maxDerivative: 1, argMaxDerivative: 0 }],
  ['gelu', undefined, { zeroCentered: true, monotonic: false, smooth: true, saturating: 'negative', meanDerivative: 0.5 }],
  ['silu', undefined, { monotonic: false, saturating: 'negative', meanDerivative: 0.5 }],
  ['mish', undefined, { monotonic: false, smooth: true, saturating: 'negative' }],
  ['hardsigmoid', undefined, { range: range(0, 1, true, true), smooth: false, saturating: 'both', maxDerivative: 1 / 6, argMaxDerivative: null }],
  ['keras2.hard_sigmoid', undefined, { range: range(0, 1, true, true), maxDerivative: 0.2, argMaxDerivative: null }],
  ['hardtanh', undefined, { range: range(-1, 1, true, true), zeroCentered: true, saturating: 'both' }],
  ['hardtanh', { min_val: -2, max_val: 3 }, { range: range(-2, 3, true, true) }],
  ['hardswish', undefined, { range: range(-0.375, INF, true, false), monotonic: false, smooth: false, maxDerivative: 1.5, argMaxDerivative: 3 }],
  ['tanhshrink', undefined, { range: range(INF, INF, false, false), monotonic: true, smooth: true, saturating: 'none', maxDerivative: 1, argMaxDerivative: null }],
  ['softshrink', undefined, { range: range(INF, INF, false, false), monotonic: true, smooth: false, saturating: 'none' }],
  ['hardshrink', undefined, { monotonic: true, smooth: false }],
  ['threshold', undefined, { range: range(0, INF, true, false), zeroCentered: false, monotonic: true }],
  ['threshold', { threshold: 0.5, value: -1 }, { range: range(-1, INF, true, false), monotonic: true }],
  ['threshold', { threshold: 0, value: 2 }, { monotonic: false }],
  // Values next to a kink are one-sided limits: x → 0.5⁺ gives inf f ≈ 0.5, not attained.
  ['threshold', { threshold: 0.5, value: 2 }, { range: range(0.5000000000000001, INF, false, false) }],
  ['identity', undefined, { range: range(INF, INF, false, false), zeroCentered: true, monotonic: true, smooth: true, saturating: 'none', maxDerivative: 1, argMaxDerivative: null, meanDerivative: 1 }],
  ['prelu', { weight: 0 }, { range: range(0, INF, true, false), saturating: 'negative' }],
  ['softmax', undefined, { range: range(0, 1, false, false), zeroCentered: false, saturating: 'both', maxDerivative: 0.25, argMaxDerivative: null, meanDerivative: null, meanSquaredDerivative: null }],
  ['log_softmax', undefined, { range: range(INF, 0, false, false), saturating: 'positive', maxDerivative: 1, meanDerivative: null }],
];

describe('properties', () => {
  for (const [id, params, expected] of EXPECTED) {
    it(`${id} ${params ? JSON.stringify(params) : '(defaults)'}`, () => {
      const got = properties(id, params);
      for (const [key, want] of Object.entries(expected)) {
        const value = got[key as keyof ActivationProperties];
        if (typeof want === 'number') assert.ok(Math.abs((value as number) - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${key}: ${value}, expected ${want}`);
        else assert.deepEqual(value, want, key);
      }
    });
  }

  it('is cached per (id, params) and keyed by the resolved values', () => {
    assert.equal(properties('elu'), properties('elu', { alpha: 1 }));
    assert.notEqual(properties('elu'), properties('elu', { alpha: 2 }));
  });

  it('carries the framework spellings and the cost class', () => {
    assert.deepEqual(properties('leaky_relu').frameworks, spellings('leaky_relu'));
    assert.equal(properties('relu').cost, 'piecewise-linear');
    assert.equal(properties('softsign').cost, 'algebraic');
    assert.equal(properties('gelu').cost, 'transcendental');
  });

  it('stays finite and self-consistent for random valid parameters (fast-check)', () => {
    for (const def of ACTIVATIONS.filter((d) => d.params.length > 0)) {
      const arbitraries = Object.fromEntries(
        def.params.map((spec) => [spec.name, spec.choices ? fc.constantFrom(...spec.choices) : fc.double({ min: -1e6, max: 1e6, noNaN: true })]),
      );
      fc.assert(
        fc.property(fc.record(arbitraries), (params) => {
          try {
            resolveParams(def, params);
          } catch (e) {
            fc.pre(!(e instanceof ParamError));
            throw e;
          }
          const p = properties(def.id, params);
          const numbers = [p.maxDerivative, p.meanDerivative, p.meanSquaredDerivative, p.range.min ?? 0, p.range.max ?? 0, p.argMaxDerivative ?? 0];
          assert.ok(numbers.every((n) => typeof n === 'number' && Number.isFinite(n)), JSON.stringify(p));
          if (p.range.min !== null && p.range.max !== null) assert.ok(p.range.min <= p.range.max);
          const [mean, square, sup] = [p.meanDerivative as number, p.meanSquaredDerivative as number, p.maxDerivative];
          // |E f'| <= sup|f'|, E[f'^2] <= sup|f'|^2 and Jensen: E[f'^2] >= E[f']^2.
          const slack = 1e-12 * Math.max(1, sup * sup);
          assert.ok(Math.abs(mean) <= sup + slack && square <= sup * sup + slack && square >= mean * mean - slack, JSON.stringify(p));
        }),
        { numRuns: 6, seed: 42 },
      );
    }
  });

  it('rejects unknown activations and invalid parameters', () => {
    assert.throws(() => properties('nope'), RangeError);
    assert.throws(() => properties('elu', { beta: 1 }), (e: unknown) => e instanceof ParamError && e.param === 'beta');
    assert.throws(() => properties('hardtanh', { min_val: 2 }), /min_val must be less than max_val/);
  });
});
