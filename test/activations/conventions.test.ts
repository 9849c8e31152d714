// PyTorch's conventions at kinks, checked against torch's own float64 outputs and autograd
// derivatives (test/data/activations/pytorch-kinks.json, from scripts/reference/pytorch_kinks.py).
import * as assert from 'node:assert/strict';
import { getActivation, resolveParams } from '../../shared/activations';
import { close, torchKinks } from './referenceData';

// Where torch itself is off: its float64 hardsigmoid backward multiplies by the float32 constant
// 1/6 (0.16666667163…, 3e-8 relative), and its tanh-GELU loses digits to 1 + tanh(u) cancellation
// already at x = -4 (1.4e-12 relative). The exact values are in reference.test.ts.
const TORCH_ERROR: Record<string, { f: number; df: number }> = {
  hardsigmoid: { f: 1e-12, df: 1e-7 },
  gelu: { f: 1e-11, df: 1e-11 },
};

describe(`PyTorch conventions (torch ${torchKinks.torch}, float64 autograd)`, () => {
  for (const c of torchKinks.cases) {
    it(`${c.id} ${JSON.stringify(c.params)} at ${c.points.filter((p) => p.kink).map((p) => p.x).join(', ')}`, () => {
      const def = getActivation(c.id);
      assert.ok(def, c.id);
      const p = resolveParams(def, c.params);
      const tol = TORCH_ERROR[c.id] ?? { f: 1e-12, df: 1e-12 };
      for (const { x, f, df } of c.points) {
        assert.ok(close(def.f(x, p), f, tol.f), `${c.id}(${x}) = ${def.f(x, p)}, torch ${f}`);
        assert.ok(close(def.df(x, p), df, tol.df), `${c.id}'(${x}) = ${def.df(x, p)}, torch ${df}`);
        // A convention is a choice between branches: the zero/non-zero pattern must match exactly.
        assert.equal(def.df(x, p) === 0, df === 0, `${c.id}'(${x}) is ${def.df(x, p)}, torch ${df}`);
      }
    });
  }

  it('reproduces the documented torch.sigmoid outputs to 4 decimals', () => {
    const sigmoid = getActivation('sigmoid');
    assert.ok(sigmoid);
    const got = [-3, -1, 0, 1, 3].map((x) => Number(sigmoid.f(x, {}).toFixed(4)));
    assert.deepEqual(got, [0.0474, 0.2689, 0.5, 0.7311, 0.9526]);
  });

  it('keeps the tails PyTorch loses', () => {
    const at = (id: string, x: number, which: 'f' | 'df' = 'f') => {
      const def = getActivation(id);
      assert.ok(def);
      return def[which](x, resolveParams(def));
    };
    // torch: sigmoid'(100) = 0, gelu(-10) = -0, tanhshrink(1e-8) = 0, elu(-1e-300) = -0.
    assert.ok(close(at('sigmoid', 100, 'df'), Math.exp(-100), 1e-14));
    assert.ok(at('gelu', -10) < -7.6e-23 && at('gelu', -10) > -7.7e-23);
    assert.ok(close(at('tanhshrink', 1e-8), 1e-24 / 3, 1e-14));
    assert.equal(at('elu', -1e-300), -1e-300);
  });
});
