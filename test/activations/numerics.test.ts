// Derivatives against finite differences, identities between activations, and finiteness for every
// finite input (fast-check over the whole double range, plus the named extremes).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTIVATIONS, getActivation, resolveParams } from '../../shared/activations';
import type { ActivationDef, ParamValues } from '../../shared/activations';
import { reference } from './referenceData';

/** Every scalar activation with each parameter set of the reference table (defaults included). */
const VARIANTS: { def: ActivationDef; p: ParamValues; label: string }[] = reference.cases.map((c) => {
  const def = getActivation(c.id);
  if (!def) throw new Error(c.id);
  return { def, p: resolveParams(def, c.params), label: `${c.id} ${JSON.stringify(c.params)}` };
});

/** Richardson-extrapolated central difference: error O(h⁴) + O(ε·|f|/h). */
function numericSlope(f: (x: number) => number, x: number, h: number): number {
  const d = (s: number) => (f(x + s) - f(x - s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

function farFromKinks(x: number, kinks: readonly number[], margin: number): boolean {
  return kinks.every((k) => Math.abs(x - k) > margin);
}

const H = 1e-3;

describe("f' agrees with finite differences of f away from kinks", () => {
  for (const { def, p, label } of VARIANTS) {
    it(`${label} on [-10, 10] step 0.01`, () => {
      const f = (x: number) => def.f(x, p);
      const kinks = def.kinks(p);
      for (let i = -1000; i <= 1000; i++) {
        const x = i / 100;
        if (!farFromKinks(x, kinks, 2 * H)) continue;
        const want = numericSlope(f, x, H);
        const got = def.df(x, p);
        assert.ok(Math.abs(got - want) <= 1e-8 * Math.max(1, Math.abs(got)), `${label}: f'(${x}) = ${got}, differences give ${want}`);
      }
    });
  }

  it('at random points in [-50, 50] (fast-check)', () => {
    for (const { def, p, label } of VARIANTS) {
      const kinks = def.kinks(p);
      fc.assert(
        fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => {
          fc.pre(farFromKinks(x, kinks, 2 * H));
          const want = numericSlope((t) => def.f(t, p), x, H);
          const got = def.df(x, p);
          assert.ok(Math.abs(got - want) <= 1e-7 * Math.max(1, Math.abs(got)), `${label}: f'(${x}) = ${got}, differences give ${want}`);
        }),
        { numRuns: 300, seed: 20240611, examples: [[-37.5], [19.99], [0.3]] },
      );
    }
  });
});

describe('identities', () => {
  const fn = (id: string, which: 'f' | 'df' = 'f') => {
    const def = getActivation(id);
    if (!def) throw new Error(id);
    const p = resolveParams(def);
    return (x: number) => def[which](x, p);
  };
  const sigmoid = fn('sigmoid');
  const xs = Array.from({ length: 801 }, (_, i) => -20 + i * 0.05);

  it('tanh(x) = 2σ(2x) − 1', () => {
    const tanh = fn('tanh');
    for (const x of xs) assert.ok(Math.abs(tanh(x) - (2 * sigmoid(2 * x) - 1)) <= 4e-16, `x = ${x}`);
  });

  it("σ' = σ(1 − σ)", () => {
    const slope = fn('sigmoid', 'df');
    for (const x of xs) {
      const s = sigmoid(x);
      // The right-hand side carries the cancellation of 1 − σ: relative error up to ε·σ/(1 − σ).
      const tol = (1e-15 + (4 * Number.EPSILON * s) / (1 - s)) * slope(x);
      assert.ok(Math.abs(slope(x) - s * (1 - s)) <= tol, `x = ${x}`);
    }
  });

  it('logsigmoid(x) = −softplus(−x) where softplus has not switched to x', () => {
    const logsigmoid = fn('logsigmoid');
    const softplus = fn('softplus');
    for (const x of xs) assert.ok(Math.abs(logsigmoid(x) + softplus(-x)) <= 1e-15 * Math.max(1, Math.abs(logsigmoid(x))), `x = ${x}`);
  });

  it('silu and gelu_sigmoid are x·σ(kx); hardswish is x·hardsigmoid(x)', () => {
    const [silu, quick, hardswish, hardsigmoid] = [fn('silu'), fn('gelu_sigmoid'), fn('hardswish'), fn('hardsigmoid')];
    for (const x of xs) {
      assert.ok(Math.abs(silu(x) - x * sigmoid(x)) <= 1e-15 * Math.abs(silu(x)), `silu ${x}`);
      assert.ok(Math.abs(quick(x) - x * sigmoid(1.702 * x)) <= 1e-15 * Math.abs(quick(x)), `quick_gelu ${x}`);
      assert.ok(Math.abs(hardswish(x) - x * hardsigmoid(x)) <= 1e-15 * Math.abs(hardswish(x)), `hardswish ${x}`);
    }
  });
});

describe('finite for every finite input', () => {
  const EXTREMES = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 5e-324, 1e-308, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e154, -1e154, 1e103, -1e103, 745, -745, 710, -710];
  const scalar = ACTIVATIONS.filter((d) => !d.vector);

  for (const def of scalar) {
    it(`${def.id} at the named extremes and at random doubles`, () => {
      const variants = VARIANTS.filter((v) => v.def === def);
      for (const { p } of variants) {
        for (const x of EXTREMES) {
          assert.ok(Number.isFinite(def.f(x, p)), `${def.id}(${x}) = ${def.f(x, p)}`);
          assert.ok(Number.isFinite(def.df(x, p)), `${def.id}'(${x}) = ${def.df(x, p)}`);
        }
        fc.assert(
          fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Number.isFinite(def.f(x, p)) && Number.isFinite(def.df(x, p))),
          { numRuns: 500, seed: 7 },
        );
      }
    });
  }

  it('a slope above 1 saturates at ±MAX_VALUE instead of overflowing', () => {
    const leaky = getActivation('leaky_relu');
    assert.ok(leaky);
    assert.equal(leaky.f(-Number.MAX_VALUE, resolveParams(leaky, { negative_slope: 2 })), -Number.MAX_VALUE);
  });
});
