// 3. The ACT010 quick fix drops the sigmoid and switches the loss to BCEWithLogitsLoss; the squiggle
// goes away and the saved file is the expected one.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { poll } from '../poll';
import { lineOf } from '../expectations';
import type { Scenario } from '../scenario';

const FILE = 'gan/dcgan.py';
const FIXED = path.join(__dirname, '..', 'expected', 'dcgan.fixed.py');

export const bceQuickFix: Scenario = {
  name: 'bce-quick-fix',
  title: 'quick fix to BCEWithLogitsLoss removes the sigmoid and the squiggle',
  restricted: true,
  async run({ workbench, workspace }) {
    const { page } = workbench;
    await workbench.openFile(FILE);
    await workbench.goTo(lineOf(workspace, FILE, 'nn.Sigmoid()'), 16);
    await poll('the ACT010 squiggle', async () => (await workbench.squiggles()).length === 1 || undefined);

    // The rule's fix, titled with its code; "Disable ACT010 for this line" is the other one.
    await workbench.applyQuickFix('(ACT010)');

    await poll('the squiggle to go away', async () => (await workbench.squiggles()).length === 0 || undefined);
    await page.keyboard.press('Control+S');
    const saved = path.join(workspace, FILE);
    const expected = fs.readFileSync(FIXED, 'utf8');
    await poll(`${FILE} saved as expected/dcgan.fixed.py`, () => (fs.readFileSync(saved, 'utf8') === expected ? true : undefined));
    assert.equal((await workbench.squiggles()).length, 0, 'no squiggle after saving');
  },
};
