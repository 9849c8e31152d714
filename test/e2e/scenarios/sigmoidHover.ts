// 2. Hovering the discriminator's nn.Sigmoid() shows the activation's facts and the gradient
// estimate at that layer.

import * as assert from 'node:assert/strict';
import { getActivation } from '../../../shared/activations';
import { lineOf } from '../expectations';
import type { Scenario } from '../scenario';

const FILE = 'gan/dcgan.py';

export const sigmoidHover: Scenario = {
  name: 'sigmoid-hover',
  title: 'hover on nn.Sigmoid(): formula, max derivative 0.25, gradient estimate',
  restricted: true,
  async run({ workbench, workspace }) {
    const sigmoid = getActivation('sigmoid');
    assert.ok(sigmoid, 'the core defines sigmoid');
    await workbench.openFile(FILE);
    await workbench.goTo(lineOf(workspace, FILE, 'nn.Sigmoid()'), 1);
    const text = await workbench.hover('nn.Sigmoid()', 'Sigmoid', [
      'nn.Sigmoid (PyTorch module)',
      sigmoid.formula,
      'Max derivative 0.25 at x = 0',
      'In Discriminator: output layer',
    ]);
    // The output layer's own slope bounds the gradient at its input: sup σ' = 0.25; the typical
    // figure names the initialisation it assumes (the DCGAN discriminator sets none).
    assert.match(text, /Gradient at this layer's input, relative to the output: typical 0\.\d+ under PyTorch default init, bound 0\.25/);
  },
};
