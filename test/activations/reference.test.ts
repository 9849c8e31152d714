// Accuracy against exact values (mpmath, 60 digits): 1e-12 relative or 1e-300 absolute everywhere
// on the reference grid, which covers tails to ±1e4, kinks and their neighbourhoods.
import * as assert from 'node:assert/strict';
import erfc from '@stdlib/math-base-special-erfc';
import { ACTIVATIONS, getActivation, properties, resolveParams } from '../../shared/activations';
import { close, reference } from './referenceData';

const REL = 1e-12;

describe('activations match exact reference values', () => {
  for (const c of reference.cases) {
    it(`${c.id} ${JSON.stringify(c.params)}: f and f' at ${c.points.length} points`, () => {
      const def = getActivation(c.id);
      assert.ok(def, c.id);
      const p = resolveParams(def, c.params);
      for (const { x, f, df } of c.points) {
        const [gotF, gotDf] = [def.f(x, p), def.df(x, p)];
        assert.ok(close(gotF, f, REL), `${c.id}(${x}) = ${gotF}, exact ${f}`);
        assert.ok(close(gotDf, df, REL), `${c.id}'(${x}) = ${gotDf}, exact ${df}`);
      }
    });
  }

  it('covers every scalar activation of the registry', () => {
    const covered = new Set(reference.cases.map((c) => c.id));
    const missing = ACTIVATIONS.filter((d) => !d.vector && !covered.has(d.id)).map((d) => d.id);
    assert.deepEqual(missing, []);
  });

  it('erfc from @stdlib meets the 1e-12 bar', () => {
    for (const { x, value } of reference.erfc) assert.ok(close(erfc(x), value, REL), `erfc(${x}) = ${erfc(x)}, exact ${value}`);
  });
});

describe('E[f\'(z)] and E[f\'(z)²] for z ~ N(0,1) match mpmath quad', () => {
  for (const c of reference.cases) {
    it(`${c.id} ${JSON.stringify(c.params)}`, () => {
      const p = properties(c.id, c.params);
      assert.ok(Math.abs((p.meanDerivative ?? NaN) - c.meanDerivative) <= 1e-12, `mean ${p.meanDerivative} vs ${c.meanDerivative}`);
      assert.ok(Math.abs((p.meanSquaredDerivative ?? NaN) - c.meanSquaredDerivative) <= 1e-12, `mean square ${p.meanSquaredDerivative} vs ${c.meanSquaredDerivative}`);
    });
  }
});

describe('interior extrema match mpmath findroot', () => {
  for (const e of reference.extrema) {
    it(`${e.id} ${JSON.stringify(e.params)}`, () => {
      const p = properties(e.id, e.params);
      assert.ok(close(p.range.min ?? NaN, e.min, 1e-12), `min ${p.range.min} vs ${e.min}`);
      assert.equal(p.range.minInclusive, true);
      assert.ok(close(p.maxDerivative, e.maxDerivative, 1e-12), `sup f' ${p.maxDerivative} vs ${e.maxDerivative}`);
      // Golden-section search on a flat maximum locates it to about sqrt(machine epsilon).
      assert.ok(Math.abs((p.argMaxDerivative ?? NaN) - e.argMaxDerivative) < 1e-6, `argmax ${p.argMaxDerivative} vs ${e.argMaxDerivative}`);
    });
  }
});

describe('vector-valued activations', () => {
  const softmax = getActivation('softmax');
  const logSoftmax = getActivation('log_softmax');

  for (const v of reference.vectors) {
    it(`softmax and log_softmax of [${v.x.join(', ')}]`, () => {
      assert.ok(softmax?.vector && logSoftmax?.vector);
      const check = (got: number[], want: number[], what: string) =>
        got.forEach((g, i) => assert.ok(close(g, want[i], REL), `${what}[${i}] = ${g}, exact ${want[i]}`));
      check(softmax.vector.f(v.x), v.softmax, 'softmax');
      check(softmax.vector.jacobianDiagonal(v.x), v.softmaxDiagonal, 'softmax diagonal');
      check(logSoftmax.vector.f(v.x), v.logSoftmax, 'log_softmax');
      check(logSoftmax.vector.jacobianDiagonal(v.x), v.logSoftmaxDiagonal, 'log_softmax diagonal');
    });
  }

  it('has no scalar form', () => {
    assert.throws(() => softmax?.f(0, {}), /vector-valued/);
    assert.throws(() => logSoftmax?.df(0, {}), /vector-valued/);
  });

  it('stays finite at the ends of the double range', () => {
    assert.ok(logSoftmax?.vector);
    for (const y of logSoftmax.vector.f([Number.MAX_VALUE, -Number.MAX_VALUE])) assert.ok(Number.isFinite(y));
  });
});
