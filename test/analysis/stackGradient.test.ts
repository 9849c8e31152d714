import assert from 'node:assert/strict';
import { stackGradient, type ChainLink } from '../../server/analysis/stackGradient';
import type { Framework, Layer, LayerKind, LayerStack } from '../../server/model/layerStack';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function layer(kind: LayerKind, name: string, extra: Partial<Layer> = {}): Layer {
  return { kind, name, range: at, ...extra };
}

function activation(id: string, framework: Framework, params: Record<string, number> = {}): Layer {
  return layer('activation', id, { activation: { id, params, spelling: id, form: 'module', framework, range: at } });
}

/** [Linear(width, width) -> act] per id, then a Linear head. */
function mlp(framework: Framework, ids: string[], width?: number, extra: Partial<LayerStack> = {}): LayerStack {
  const sizes = width === undefined ? {} : { inFeatures: width, units: width };
  const layers = ids.flatMap((id) => [layer('linear', 'Linear', sizes), activation(id, framework)]);
  layers.push(layer('linear', 'Linear'));
  return { framework, name: 'm', range: at, layers, ...extra };
}

function chainOf(stack: LayerStack): ChainLink[] {
  return stack.layers.flatMap((l, index) => (l.activation ? [{ index, use: l.activation }] : []));
}

describe('init-aware stack gradient', () => {
  it('ten tanh layers under Glorot init keep about a quarter of the gradient (PyTorch measurement 0.27)', () => {
    const stack = mlp('keras', Array(10).fill('tanh'), 128);
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, 'Glorot-uniform init (the Keras and TF.js default)');
    assert.ok(g.typical[0] > 0.2 && g.typical[0] < 0.35, String(g.typical[0]));
    assert.doesNotMatch(g.assumptions, /taken as 128/, 'widths written as literals');
  });

  it('three sigmoids under the PyTorch default init fall well below 1%, below the activation-only 0.88%', () => {
    const stack = mlp('pytorch', ['sigmoid', 'sigmoid', 'sigmoid']);
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, 'PyTorch default init');
    assert.ok(g.typical[0] < 0.006, String(g.typical[0]));
    assert.deepEqual(g.bound, [0.015625, 0.0625, 0.25]);
    assert.match(g.assumptions, /widths not written as literals taken as 128/);
  });

  it('estimates a conv with its kernel size as an affine layer of fan-in channels × kernel elements', () => {
    const conv = mlp('pytorch', ['tanh', 'tanh'], 64);
    conv.layers[0] = layer('conv', 'Conv2d', { inFeatures: 64, units: 64, kernelSize: [3, 3] });
    assert.equal(stackGradient(conv, chainOf(conv))!.init, 'PyTorch default init');
  });

  it('gives no figure for a conv stack whose kernel size is unknown, rather than the activation-only one', () => {
    const conv = mlp('pytorch', ['tanh', 'tanh'], 64);
    conv.layers[0] = layer('conv', 'Conv2d');
    assert.equal(stackGradient(conv, chainOf(conv)), undefined);
  });

  it('keeps the activation-only estimate, without an init, for dense stacks with a layer it cannot model', () => {
    const stack = mlp('pytorch', ['tanh', 'tanh'], 64);
    stack.layers.splice(1, 0, layer('unknown', 'Custom'));
    const g = stackGradient(stack, chainOf(stack))!;
    assert.equal(g.init, undefined);
    assert.match(g.assumptions, /ignoring weights, normalisation and residual connections/);
  });

  it('gives no figure for a residual stack, whose skip connections carry the gradient', () => {
    const residual = mlp('pytorch', ['tanh', 'tanh'], 64, { residual: true });
    assert.equal(stackGradient(residual, chainOf(residual)), undefined);
    assert.ok(stackGradient(mlp('pytorch', ['tanh', 'tanh'], 64), chainOf(mlp('pytorch', ['tanh', 'tanh'], 64))));
  });

  it('maps BatchNorm and LayerNorm, and gives up on a normalization it cannot name', () => {
    const stack = mlp('pytorch', ['relu', 'relu'], 64);
    stack.layers.splice(1, 0, layer('normalization', 'nn.BatchNorm1d'));
    assert.ok(stackGradient(stack, chainOf(stack))!.init);
    stack.layers[1] = layer('normalization', 'nn.GroupNorm');
    assert.equal(stackGradient(stack, chainOf(stack))!.init, undefined);
  });

  it('has no estimate for a vector-valued link', () => {
    const stack = mlp('pytorch', ['relu', 'softmax'], 64);
    assert.equal(stackGradient(stack, chainOf(stack)), undefined);
  });
});
