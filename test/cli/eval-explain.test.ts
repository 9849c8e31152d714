// The `eval` and `explain` commands of the built CLI (dist/cli.js; `npm test` builds it first).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { getActivation, properties, resolveParams } from '../../shared/activations';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]) {
  const r = cli(...args, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /NaN|Infinity/);
  return JSON.parse(r.stdout);
}

describe('activation-lens eval', () => {
  it('evaluates f and f\' on the default grid -3..3, in JSON that round-trips exactly', () => {
    const out = json('eval', 'gelu');
    assert.deepEqual(Object.keys(out), ['name', 'params', 'points']);
    assert.equal(out.name, 'gelu');
    assert.deepEqual(out.params, { approximate: 'none' });
    const def = getActivation('gelu')!;
    const p = resolveParams(def);
    assert.deepEqual(out.points.map((pt: { x: number }) => pt.x), [-3, -2, -1, 0, 1, 2, 3]);
    for (const pt of out.points) {
      assert.deepEqual(Object.keys(pt), ['x', 'y', 'dy']);
      assert.equal(pt.y, def.f(pt.x, p));
      assert.equal(pt.dy, def.df(pt.x, p));
    }
  });

  it('takes --at (negative values too) and --param overrides', () => {
    const out = json('eval', 'leaky_relu', '--at', '-2,0,1e-8', '--param', 'negative_slope=0.2');
    assert.deepEqual(out.params, { negative_slope: 0.2 });
    assert.deepEqual(out.points, [
      { x: -2, y: -0.4, dy: 0.2 },
      { x: 0, y: 0, dy: 0.2 },
      { x: 1e-8, y: 1e-8, dy: 1 },
    ]);
    assert.deepEqual(json('eval', 'gelu', '--param', 'approximate=tanh', '--at=1').params, { approximate: 'tanh' });
  });

  it('accepts framework names and brings their defaults', () => {
    assert.equal(json('eval', 'LeakyReLU').name, 'leaky_relu');
    assert.deepEqual(json('eval', 'keras.LeakyReLU').params, { negative_slope: 0.3 });
    for (const name of ['keras2.hard_sigmoid', 'tfjs.hardSigmoid', 'tfjs.hard_sigmoid']) {
      const out = json('eval', name, '--at', '-2.5,0,1');
      assert.equal(out.name, 'keras2.hard_sigmoid', name);
      assert.deepEqual(out.points.map((pt: { y: number }) => pt.y), [0, 0.5, 0.7]);
      assert.deepEqual(out.points.map((pt: { dy: number }) => pt.dy), [0.2, 0.2, 0.2]);
    }
    assert.equal(json('eval', 'quick_gelu').name, 'gelu_sigmoid');
    assert.equal(json('eval', 'keras3.hard_sigmoid').name, 'hardsigmoid');
  });

  it('evaluates softmax on the --at vector as a whole, dy being the Jacobian diagonal', () => {
    const out = json('eval', 'softmax', '--at', '1,2,3');
    const ys = out.points.map((pt: { y: number }) => pt.y);
    assert.ok(Math.abs(ys.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-15);
    for (const pt of out.points) assert.ok(Math.abs(pt.dy - pt.y * (1 - pt.y)) < 1e-16);
  });

  it('prints a readable table by default', () => {
    const r = cli('eval', 'relu', '--at', '-1,2');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "relu\n x  f(x)  f'(x)\n-1     0      0\n 2     2      1\n");
  });

  it('rejects an unknown name with close matches, exit code 2', () => {
    const r = cli('eval', 'leaky_rel');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown activation 'leaky_rel' \(did you mean 'leaky_relu'/);
  });

  it('rejects unknown or invalid parameters and malformed points, exit code 2', () => {
    const unknown = cli('eval', 'elu', '--param', 'alfa=2');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown parameter 'alfa' for elu .*did you mean 'alpha'/);
    for (const args of [['gelu', '--param', 'approximate=erf'], ['softplus', '--param', 'beta=0'], ['relu', '--at', '1,,2'], ['relu', '--at', 'x'], ['relu', '--param', 'oops'], ['relu', '--format', 'xml'], []]) {
      const r = cli('eval', ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^activation-lens: /);
    }
  });

  it('documents itself', () => {
    const r = cli('eval', '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /default: -3,-2,-1,0,1,2,3/);
    assert.match(r.stdout, /Jacobian's diagonal/);
  });
});

describe('activation-lens explain', () => {
  it('reports the derived properties as JSON', () => {
    const out = json('explain', 'sigmoid');
    const p = properties('sigmoid');
    assert.equal(out.name, 'sigmoid');
    assert.equal(out.title, 'Sigmoid');
    assert.equal(out.formula, '1 / (1 + exp(-x))');
    assert.deepEqual(out.params, {});
    assert.deepEqual(out.range, { min: 0, max: 1, minInclusive: false, maxInclusive: false });
    assert.equal(out.zeroCentered, false);
    assert.equal(out.monotonic, true);
    assert.equal(out.smooth, true);
    assert.equal(out.saturating, 'both');
    assert.equal(out.maxDerivative, 0.25);
    assert.equal(out.argMaxDerivative, 0);
    assert.equal(out.meanDerivative, p.meanDerivative);
    assert.equal(out.meanSquaredDerivative, p.meanSquaredDerivative);
    assert.equal(out.cost, 'transcendental');
    assert.ok(out.frameworks.pytorch.spellings.includes('nn.Sigmoid'));
  });

  it('prints infinite range ends as null and honours --param', () => {
    const out = json('explain', 'elu', '--param', 'alpha=2');
    assert.deepEqual(out.params, { alpha: 2 });
    assert.deepEqual(out.range, { min: -2, max: null, minInclusive: false, maxInclusive: false });
    assert.equal(out.smooth, false);
  });

  it('marks vector-valued activations and leaves their mean slopes null', () => {
    const out = json('explain', 'log_softmax');
    assert.equal(out.vectorValued, true);
    assert.equal(out.meanDerivative, null);
    assert.deepEqual(out.range, { min: null, max: 0, minInclusive: false, maxInclusive: false });
  });

  it('is human-readable by default', () => {
    const r = cli('explain', 'relu6');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ReLU6 \(relu6\)\n/);
    assert.match(r.stdout, /range: \[0, 6\]/);
    assert.match(r.stdout, /saturates: both tails/);
    assert.match(r.stdout, /PyTorch: nn\.ReLU6, F\.relu6/);
  });

  it('rejects an unknown name with close matches, exit code 2', () => {
    const r = cli('explain', 'sigmod');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /did you mean 'sigmoid'/);
  });
});
