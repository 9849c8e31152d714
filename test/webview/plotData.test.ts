// Plot data: adaptive sampling, markers, the activation plot assembly and the gradient-flow mapping.

import * as assert from 'node:assert/strict';
import { ACTIVATIONS, getActivation, properties, resolveParams } from '../../shared/activations';
import { buildActivationPlot, DEFAULT_RANGE } from '../../shared/plot/activationPlot';
import { gradientFlowOf } from '../../shared/plot/gradientFlow';
import { findMarkers, peakLabel, SATURATION_THRESHOLD } from '../../shared/plot/markers';
import { SAMPLING_DEFAULTS, sampleCurve, type CurveSamples } from '../../shared/plot/sample';
import type { StackInfo } from '../../shared/protocol';

function sampled(id: string, range: readonly [number, number] = DEFAULT_RANGE, overrides = {}) {
  const def = getActivation(id);
  assert.ok(def, `no activation ${id}`);
  const p = resolveParams(def, overrides);
  const f = (x: number) => def.f(x, p);
  const df = (x: number) => def.df(x, p);
  const kinks = def.kinks(p);
  const samples = sampleCurve(f, df, { lo: range[0], hi: range[1], kinks });
  return { samples, f, df, kinks, markers: findMarkers(samples, f, df, kinks) };
}

const countIn = (xs: readonly number[], a: number, b: number) => xs.filter((x) => x >= a && x <= b).length;

/** Largest gap between a chord midpoint and the curve, over every sampled interval. */
function worstChordError(s: CurveSamples, g: (x: number) => number, values: (number | null)[]): number {
  let worst = 0;
  for (let i = 1; i < s.xs.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a === null || b === null) continue;
    worst = Math.max(worst, Math.abs(g((s.xs[i - 1] + s.xs[i]) / 2) - (a + b) / 2));
  }
  return worst;
}

describe('adaptive sampling', () => {
  // Through buildActivationPlot, so softmax-like activations (drawn as their scalar slice) count.
  it('puts samples on both sides of every kink, within 1e-6, and on the kink itself', () => {
    for (const def of ACTIVATIONS) {
      const { xs, curves: [curve] } = buildActivationPlot([{ id: def.id, params: {} }], DEFAULT_RANGE);
      for (const k of curve.kinks) {
        assert.ok(xs.includes(k), `${def.id}: kink ${k} not sampled`);
        assert.ok(xs.some((x) => x < k && k - x <= 1e-6), `${def.id}: nothing just left of ${k}`);
        assert.ok(xs.some((x) => x > k && x - k <= 1e-6), `${def.id}: nothing just right of ${k}`);
      }
    }
    const kinksOf = (id: string) => buildActivationPlot([{ id, params: {} }], DEFAULT_RANGE).curves[0].kinks;
    assert.deepEqual(kinksOf('relu'), [0]);
    assert.deepEqual(kinksOf('hardtanh'), [-1, 1]);
  });

  it('samples strictly increasing x, and f and f′ finite everywhere, for every activation', () => {
    for (const range of [DEFAULT_RANGE, [-60, 60], [-1000, 1000]] as const) {
      for (const def of ACTIVATIONS) {
        const { xs, curves: [curve] } = buildActivationPlot([{ id: def.id, params: {} }], range);
        assert.equal(xs[0], range[0]);
        assert.equal(xs.at(-1), range[1]);
        xs.forEach((x, i) => assert.ok(i === 0 || x > xs[i - 1], `${def.id}: x not increasing at ${i}`));
        for (const v of [...curve.f, ...curve.df]) {
          assert.ok(v !== null && Number.isFinite(v), `${def.id} on [${range}]: non-finite value`);
        }
      }
    }
  });

  it('spends points where the curve bends, not on straight tails', () => {
    const { samples } = sampled('tanh');
    const centre = countIn(samples.xs, -1, 1) / 2;
    const tail = countIn(samples.xs, 4, 6) / 2;
    assert.ok(centre > 3 * tail, `per unit: ${centre} in the centre vs ${tail} in the tail`);
    // A steep transition far narrower than the starting grid spacing (0.1875) still gets resolved.
    const steep = sampleCurve((x) => Math.tanh(50 * x), (x) => 50 / Math.cosh(50 * x) ** 2, { lo: -6, hi: 6 });
    assert.ok(countIn(steep.xs, -0.05, 0.05) >= 20, `${countIn(steep.xs, -0.05, 0.05)} points across the step`);
    assert.ok(worstChordError(steep, (x) => Math.tanh(50 * x), steep.f) < 2e-3);
    // A straight line keeps the starting grid only.
    const line = sampleCurve((x) => 2 * x + 1, () => 2, { lo: -6, hi: 6, initial: 96 });
    assert.equal(line.xs.length, 97);
  });

  it('keeps chords within tolerance of f and f′ (relative to their extent)', () => {
    const tol = SAMPLING_DEFAULTS.tolerance * 1.0001;
    for (const id of ['sigmoid', 'tanh', 'gelu', 'silu', 'softplus', 'elu']) {
      const { samples, f, df } = sampled(id);
      const extent = (v: (number | null)[]) => Math.max(...(v as number[])) - Math.min(...(v as number[]));
      assert.ok(worstChordError(samples, f, samples.f) <= tol * extent(samples.f), `${id}: f chord error`);
      assert.ok(worstChordError(samples, df, samples.df) <= tol * extent(samples.df), `${id}: f′ chord error`);
    }
  });

  it('turns non-finite values into gaps and rejects an empty range', () => {
    const s = sampleCurve((x) => Math.log(x), (x) => 1 / x, { lo: -1, hi: 1 });
    assert.ok(s.f.every((v) => v === null || Number.isFinite(v)));
    assert.ok(s.f.some((v) => v === null));
    assert.throws(() => sampleCurve(Math.sin, Math.cos, { lo: 1, hi: 1 }), RangeError);
    assert.throws(() => sampleCurve(Math.sin, Math.cos, { lo: 0, hi: Number.NaN }), RangeError);
  });
});

describe('markers', () => {
  it('finds the peak of |f′| at its exact position', () => {
    const sigmoid = sampled('sigmoid').markers.peak;
    assert.ok(sigmoid);
    assert.ok(Math.abs(sigmoid.x) < 1e-7, `sigmoid peak at ${sigmoid.x}`);
    assert.ok(Math.abs(sigmoid.df - 0.25) < 1e-12);
    assert.ok(Math.abs(sigmoid.f - 0.5) < 1e-7);
    const tanh = sampled('tanh').markers.peak;
    assert.ok(tanh && Math.abs(tanh.x) < 1e-7 && Math.abs(tanh.df - 1) < 1e-12);
    // GELU: f″ = φ(x)(2 − x²), so f′ peaks at x = √2 with f′ = Φ(√2) + √2·φ(√2) = 1.128904…
    const gelu = sampled('gelu').markers.peak;
    assert.ok(gelu && Math.abs(gelu.x - Math.SQRT2) < 1e-6, `gelu peak at ${gelu?.x}`);
    assert.ok(Math.abs(gelu.df - 1.1289046) < 1e-6, `gelu peak ${gelu.df}`);
  });

  it('agrees with the core\'s sup |f′| and its argmax for every scalar activation', () => {
    for (const def of ACTIVATIONS.filter((d) => !d.vector)) {
      const props = properties(def.id, {});
      const { peak } = sampled(def.id).markers;
      if (props.argMaxDerivative === null) {
        assert.equal(peak, undefined, `${def.id}: a peak where the core has none`);
      } else {
        assert.ok(peak, `${def.id}: no peak, the core has one at ${props.argMaxDerivative}`);
        assert.ok(Math.abs(peak.x - props.argMaxDerivative) < 1e-6, `${def.id}: peak at ${peak.x}, core ${props.argMaxDerivative}`);
        assert.ok(Math.abs(Math.abs(peak.df) - props.maxDerivative) < 1e-9 * props.maxDerivative, `${def.id}: ${peak.df}`);
      }
    }
  });

  it('labels the peak with x rounded to the plot\'s resolution', () => {
    assert.equal(peakLabel({ x: -7e-9, df: 0.25, f: 0.5 }, 12), 'max |f′| 0.25 at x = 0');
    assert.equal(peakLabel({ x: Math.SQRT2, df: 1.1289046, f: 1.26 }, 12), 'max |f′| 1.129 at x = 1.414');
    assert.equal(peakLabel({ x: 1.23456e-3, df: -2, f: 0 }, 0.01), 'max |f′| 2 at x = 0.001235');
  });

  it('marks no peak on a plateau or at the edge of the range', () => {
    assert.equal(sampled('relu').markers.peak, undefined);
    assert.equal(sampled('sigmoid', [1, 5]).markers.peak, undefined);
  });

  it('marks saturated tails and dead zones, not zero crossings of f′', () => {
    // σ′(a) = 0.01 ⇔ σ(a) = (1 + √0.96) / 2.
    const a = Math.log((1 + Math.sqrt(0.96)) / (1 - Math.sqrt(0.96)));
    const sig = sampled('sigmoid').markers.saturation;
    assert.equal(sig.length, 2);
    assert.equal(sig[0].from, -6);
    assert.ok(Math.abs(sig[0].to + a) < 1e-9, `left tail ends at ${sig[0].to}, expected ${-a}`);
    assert.ok(Math.abs(sig[1].from - a) < 1e-9);
    assert.equal(sig[1].to, 6);
    const relu = sampled('relu').markers.saturation;
    assert.equal(relu.length, 1);
    assert.equal(relu[0].from, -6);
    assert.ok(Math.abs(relu[0].to) <= 1e-6);
    // GELU's f′ crosses zero near x = −0.75: a dip, not saturation; only the left tail counts.
    // Hardshrink: f′ = 0 on [−λ, λ], a dead zone inside the range.
    const shrink = sampled('hardshrink').markers.saturation;
    assert.equal(shrink.length, 1);
    assert.ok(Math.abs(shrink[0].from + 0.5) <= 1e-6 && Math.abs(shrink[0].to - 0.5) <= 1e-6, JSON.stringify(shrink));
    // ReLU6: f′(6) = 0 by convention at the right edge is a point, not a zone.
    assert.deepEqual(sampled('relu6').markers.saturation.map((z) => z.from), [-6]);
    const { markers, df } = sampled('gelu');
    assert.equal(markers.saturation.length, 1);
    const [tail] = markers.saturation;
    assert.equal(tail.from, -6);
    assert.ok(tail.to < -2.5, `gelu saturation up to ${tail.to}`);
    assert.ok(Math.abs(Math.abs(df(tail.to)) - SATURATION_THRESHOLD) < 1e-9, 'the tail ends where |f′| = 0.01');
  });
});

describe('activation plot', () => {
  it('aligns every curve on one strictly increasing x grid that contains each curve\'s samples', () => {
    const plot = buildActivationPlot([{ id: 'relu', params: {} }, { id: 'sigmoid', params: {} }], DEFAULT_RANGE);
    plot.xs.forEach((x, i) => assert.ok(i === 0 || x > plot.xs[i - 1]));
    for (const id of ['relu', 'sigmoid']) {
      const set = new Set(plot.xs);
      assert.ok(sampled(id).samples.xs.every((x) => set.has(x)), `${id} samples missing from the grid`);
    }
    for (const c of plot.curves) {
      assert.equal(c.f.length, plot.xs.length);
      assert.equal(c.df.length, plot.xs.length);
    }
    const relu = plot.curves[0];
    plot.xs.forEach((x, i) => assert.equal(relu.f[i], Math.max(0, x)));
  });

  it('labels curves with the parameters that differ from the defaults', () => {
    const plot = buildActivationPlot([
      { id: 'leaky_relu', params: { negative_slope: 0.2 } },
      { id: 'leaky_relu', params: {} },
    ], DEFAULT_RANGE);
    assert.equal(plot.curves[0].label, 'LeakyReLU(negative_slope=0.2)');
    assert.equal(plot.curves[1].label, 'LeakyReLU');
    const i = plot.xs.findIndex((x) => x < -1);
    assert.ok(Math.abs((plot.curves[0].f[i] as number) - 0.2 * plot.xs[i]) < 1e-15);
    assert.equal(plot.curves[0].df[i], 0.2);
  });
});

describe('gradient flow mapping', () => {
  const at = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 20 } });
  const stack: StackInfo = {
    framework: 'pytorch',
    name: 'Net',
    range: at(3),
    layers: [
      { kind: 'linear', name: 'nn.Linear', range: at(4) },
      {
        kind: 'activation', name: 'nn.Sigmoid', range: at(5),
        activation: { id: 'sigmoid', params: {}, spelling: 'nn.Sigmoid', form: 'module', framework: 'pytorch', range: at(5) },
      },
      { kind: 'linear', name: 'x'.repeat(500), range: at(6) },
    ],
    gradient: { layerIndex: [2, 1, 0, 7], bound: [1, 0.25, Number.NaN, 1], typical: [0.5, 0.1, 0.1, 1], assumptions: 'N(0, 1) inputs' },
  };

  it('keeps forward order, skips unplaceable or non-numeric entries, and bounds text lengths', () => {
    const flow = gradientFlowOf(stack, 'file:///m.py', 'm.py');
    assert.deepEqual(flow.layers.map((l) => l.line), [5, 6]);
    assert.deepEqual(flow.layers[0], { name: 'nn.Sigmoid', line: 5, activation: 'sigmoid', bound: 0.25, typical: 0.1 });
    assert.equal(flow.layers[1].name.length, 200);
    assert.equal(flow.assumptions, 'N(0, 1) inputs');
    assert.equal(flow.stackName, 'Net');
  });
});
