// 6. Beyond PyTorch: a Keras model file gets its diagnostic and its hovers; a stock GPT-2
// config.json gets no finding and a hover that explains its `gelu_new`.

import * as assert from 'node:assert/strict';
import { getActivation } from '../../../shared/activations';
import { poll } from '../poll';
import { expectations, lineOf } from '../expectations';
import type { Scenario, ScenarioContext } from '../scenario';

const KERAS = 'keras/sentiment.py';
const HF_CONFIG = 'hf/config.json';

async function keras({ workbench, workspace }: ScenarioContext): Promise<void> {
  const expected = expectations(workspace).find((e) => e.file === KERAS);
  assert.ok(expected, `${KERAS} has no "# expect:" line`);
  await workbench.openFile(KERAS);
  await workbench.goTo(expected.line, 1);
  await workbench.showProblems({ maximize: false });
  await poll(`${expected.code} at line ${expected.line} of ${KERAS}`, async () => {
    const found = (await workbench.problems()).filter((p) => p.file.endsWith(KERAS)).map((p) => `${p.code}@${p.line}`);
    return found.join() === `${expected.code}@${expected.line}` ? true : undefined;
  });
  const sigmoid = getActivation('sigmoid');
  assert.ok(sigmoid);
  const line = 'layers.Dense(1, activation="sigmoid"';
  await workbench.hover(line, '"sigmoid"', ['"sigmoid" (Keras activation string)', sigmoid.formula, 'Max derivative 0.25']);
  await workbench.page.mouse.move(0, 0);
  await workbench.hover('loss=keras.losses.BinaryCrossentropy', 'BinaryCrossentropy', ['Loss · keras.losses.BinaryCrossentropy (Keras)', 'Expects logits']);
}

async function hfConfig({ workbench, workspace }: ScenarioContext): Promise<void> {
  const gelu = getActivation('gelu');
  assert.ok(gelu, 'the core defines GELU');
  await workbench.openFile(HF_CONFIG);
  await workbench.goTo(lineOf(workspace, HF_CONFIG, '"gelu_new"'), 1);
  // gelu_new is Hugging Face's name for GELU's tanh approximation.
  await workbench.hover('"activation_function"', 'gelu_new', [`${gelu.title} · "gelu_new"`, 'approximate=tanh', 'Max derivative']);
  // GPT-2 is a residual transformer: its 12 layers are no vanishing-gradient stack (no ACT001).
  assert.equal((await workbench.squiggles()).length, 0, 'no finding in a stock GPT-2 config');
}

export const kerasAndConfig: Scenario = {
  name: 'keras-and-config',
  title: 'Keras model and Hugging Face config.json: diagnostics and hovers',
  restricted: false,
  async run(ctx) {
    await keras(ctx);
    await hfConfig(ctx);
  },
};
