// The finite-width sample grid's transition: each source point's lognormal mass per target cell,
// against the same cells integrated with special.ts's erfc-based Φ (the transition uses a faster Φ
// that is exact to absolute, not relative, precision), and that Φ itself.
import * as assert from 'node:assert/strict';
import { transition } from '../../shared/activations/initSampleGrid';
import { normalCdf, normalCdfAbsolute } from '../../shared/activations/special';

/** The cells as the transition defines them, with the reference Φ. */
function referenceRow(target: Float64Array, mean: number, variance: number): number[] {
  const s2 = Math.log1p(variance / mean / mean);
  const [mu, sigma] = [Math.log(mean) - s2 / 2, Math.sqrt(s2)];
  const edges = Array.from(target.slice(1), (v, j) => (Math.log(target[j]) + Math.log(v)) / 2);
  const cdf = [0, ...edges.map((e) => normalCdf((e - mu) / sigma)), 1];
  return Array.from(target, (_, j) => cdf[j + 1] - cdf[j]);
}

describe('sample grid transition', () => {
  const target = Float64Array.from({ length: 64 }, (_, j) => Math.exp(-3 + (6 * j) / 63));
  // Steps from narrow to wide, centred inside the grid, at its ends and beyond them.
  const steps = [
    [1, 1e-4], [1, 0.05], [0.2, 0.01], [0.06, 0.001], [18, 30], [1e-3, 1e-7], [400, 1e4], [1, 40],
  ];

  it('gives each cell the lognormal mass to 1e-15 and each row a total of 1', () => {
    const matrix = transition(target, { mean: Float64Array.from(steps, (s) => s[0]), variance: Float64Array.from(steps, (s) => s[1]) });
    steps.forEach(([mean, variance], i) => {
      const row = Array.from(matrix.subarray(i * 64, (i + 1) * 64));
      referenceRow(target, mean, variance).forEach((ref, j) => assert.ok(Math.abs(row[j] - ref) <= 1e-15, `step ${i}, cell ${j}: ${row[j]} vs ${ref}`));
      assert.ok(row.every((p) => p >= 0));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-14);
    });
  });

  it('keeps the far lower tail to 1e-7 relative', () => {
    // A step centred far above the first cell: its mass there is Φ(−29.5), 4e-192.
    const [mean, variance] = [1, 0.01];
    const matrix = transition(target, { mean: Float64Array.of(mean), variance: Float64Array.of(variance) });
    const ref = referenceRow(target, mean, variance);
    assert.ok(ref[0] > 0 && ref[0] < 1e-15);
    assert.ok(Math.abs(matrix[0] - ref[0]) <= 1e-7 * ref[0], `${matrix[0]} vs ${ref[0]}`);
  });
});

describe('normal CDF to absolute precision', () => {
  it('equals the erfc-based Φ to 3e-16, and to 1e-8 relative in the lower tail', () => {
    for (let x = -40; x <= 40; x += 0.0013) {
      const [fast, ref] = [normalCdfAbsolute(x), normalCdf(x)];
      assert.ok(Math.abs(fast - ref) <= 3e-16, `Φ(${x}): ${fast} vs ${ref}`);
      // Below −37 it gives 0 for Φ < 6e-300.
      if (x < 0 && x > -37) assert.ok(Math.abs(fast - ref) <= 1e-8 * ref, `Φ(${x}): ${fast} vs ${ref}`);
    }
  });
});
