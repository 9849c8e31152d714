// `activation-lens stacks` through the built CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixture, runCli, tempTree } from './runCli';

describe('activation-lens stacks', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempTree({ 'mlp.py': fixture('ACT001/positive/deep_sigmoid_mlp.py'), 'dcgan.py': fixture('ACT010/positive/dcgan_discriminator.py') });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists each stack with layers, activations, loss and gradient estimates as JSON', () => {
    const r = runCli(['stacks', 'mlp.py', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const stack = out.files[0].stacks.find((s: { layers: unknown[] }) => s.layers.length === 7);
    assert.ok(stack, 'the nn.Sequential stack');
    assert.equal(out.files[0].file, 'mlp.py');
    assert.equal(stack.framework, 'pytorch');
    assert.deepEqual(stack.layers.map((l: { kind: string }) => l.kind), ['linear', 'activation', 'linear', 'activation', 'linear', 'activation', 'linear']);
    const sigmoids = stack.layers.filter((l: { activation: { id: string } | null }) => l.activation?.id === 'sigmoid');
    assert.equal(sigmoids.length, 3);
    // Cumulative from the last sigmoid back: bound 0.25^3 = 0.015625 at the first. typical is the
    // init-aware mean-field estimate under PyTorch's default init, widths taken as 128 (the sizes
    // are not literals): 0.00465 at the first sigmoid, 0.245 at the last (small pre-activations, slope near 0.25).
    assert.equal(stack.init, 'PyTorch default init');
    assert.ok(Math.abs(sigmoids[0].gradient.typical / 0.004654 - 1) < 1e-3, String(sigmoids[0].gradient.typical));
    assert.equal(sigmoids[0].gradient.bound, 0.015625);
    assert.ok(Math.abs(sigmoids[2].gradient.typical / 0.2449 - 1) < 1e-3, String(sigmoids[2].gradient.typical));
    assert.equal(stack.layers[0].gradient, null, 'no estimate on a Linear');
    assert.match(stack.assumptions, /N\(0,1\)/);
    assert.equal(stack.layers[1].line, 11);
  });

  it('prints a readable table with the loss and the assumptions', () => {
    const r = runCli(['stacks', 'dcgan.py'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^dcgan\.py:\d+: .*\[pytorch\], loss nn\.BCELoss \(bce, line 40\)$/m);
    // The init-aware conv estimate; PyTorch measures 0.241 (scripts/measure/conv_gradients.py, dcgan).
    assert.match(r.stdout, /^ +31 +activation +nn\.Sigmoid +sigmoid +gradient: bound 0\.250, typical 0\.240$/m);
    assert.match(r.stdout, /^Gradient estimates: Bound multiplies .* under PyTorch default init/m);
  });

  it('needs exactly one path', () => {
    assert.equal(runCli(['stacks'], dir).status, 2);
    assert.equal(runCli(['stacks', 'a.py', 'b.py'], dir).status, 2);
  });
});
