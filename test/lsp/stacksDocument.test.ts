import * as assert from 'node:assert/strict';
import { formatGradient, stacksMarkdown } from '../../client/stacksDocument';
import type { StackInfo } from '../../shared/protocol';

const at = (line: number, c1 = 4, c2 = 20) => ({ start: { line, character: c1 }, end: { line, character: c2 } });

const STACK: StackInfo = {
  framework: 'pytorch',
  name: 'Discriminator',
  range: at(4, 0, 30),
  residual: false,
  loss: { name: 'nn.BCELoss', family: 'bce', expects: 'probabilities', framework: 'pytorch', range: at(20) },
  layers: [
    { kind: 'linear', name: 'nn.Linear', range: at(6), inFeatures: 784, units: 128 },
    { kind: 'activation', name: 'nn.LeakyReLU', range: at(7), activation: { id: 'leaky_relu', params: { negative_slope: 0.2 }, spelling: 'nn.LeakyReLU', form: 'module', framework: 'pytorch', range: at(7) } },
    { kind: 'linear', name: 'nn.Linear', range: at(8), inFeatures: 128, units: 1 },
    { kind: 'activation', name: 'nn.Sigmoid', range: at(9), activation: { id: 'sigmoid', params: {}, spelling: 'nn.Sigmoid', form: 'module', framework: 'pytorch', range: at(9) } },
  ],
  gradient: { layerIndex: [1, 3], bound: [0.25, 1], typical: [0.000123, 1], assumptions: 'unit-variance pre-activations.' },
};

describe('client: Show Layer Stacks document', () => {
  it('lists every layer with its activation and the gradient estimate on activation layers', () => {
    assert.equal(
      stacksMarkdown('gan.py', [STACK]),
      [
        '# Layer stacks in gan.py',
        '',
        '## 1. Discriminator (pytorch, line 5)',
        '',
        'Loss: `nn.BCELoss` (bce, line 21), expects probabilities.',
        '',
        '| # | Line | Kind | Layer | Activation | Typical gradient | Bound |',
        '|---:|---:|---|---|---|---:|---:|',
        '| 1 | 7 | linear | `nn.Linear` |  |  |  |',
        '| 2 | 8 | activation | `nn.LeakyReLU` | `leaky_relu(negative_slope=0.2)` | 1.2e-4 | 0.25 |',
        '| 3 | 9 | linear | `nn.Linear` |  |  |  |',
        '| 4 | 10 | activation | `nn.Sigmoid` | `sigmoid` | 1 | 1 |',
        '',
        'Gradient estimates, relative to the output: unit-variance pre-activations.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to show', () => {
    assert.equal(stacksMarkdown('empty.py', []), '# Layer stacks in empty.py\n\nNo layer stacks found.\n');
    assert.equal(formatGradient(0), '0');
    assert.equal(formatGradient(2.5e-7), '2.5e-7');
  });
});
