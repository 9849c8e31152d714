// 4. Typing layers into an nn.Sequential updates the diagnostics as you type, without saving:
// a Tanh between two Linear layers clears ACT020, a second Tanh right after it raises ACT031.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { poll } from '../poll';
import { lineOf } from '../expectations';
import type { Scenario } from '../scenario';

const FILE = 'mlp/regressor.py';

export const liveEdit: Scenario = {
  name: 'live-edit',
  title: 'typing nn.Tanh() into a stack updates diagnostics unsaved',
  restricted: false,
  async run({ workbench, workspace }) {
    const { page } = workbench;
    const onDisk = fs.readFileSync(path.join(workspace, FILE), 'utf8');
    await workbench.openFile(FILE);
    await workbench.showProblems({ maximize: false });
    const codes = async () => (await workbench.problems()).filter((p) => p.file.endsWith(FILE)).map((p) => `${p.code}@${p.line}`);
    const first = lineOf(workspace, FILE, 'nn.Linear(13, 64)');
    await poll(`ACT020 at line ${first}`, async () => ((await codes()).join() === `ACT020@${first}` ? true : undefined));

    await workbench.openFile(FILE);
    await workbench.goTo(first, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('nn.Tanh(),');
    await poll('ACT020 to clear after typing nn.Tanh()', async () => ((await codes()).length === 0 ? true : undefined));

    await page.keyboard.press('Enter');
    await page.keyboard.type('nn.Tanh(),');
    await poll(`ACT031 on the second nn.Tanh() (line ${first + 2})`, async () =>
      ((await codes()).join() === `ACT031@${first + 2}` ? true : undefined));
    assert.equal((await workbench.squiggles()).length, 1, 'one squiggle, on the second Tanh');

    assert.ok(await page.locator('.tab.active.dirty').count(), 'the editor has unsaved changes');
    assert.equal(fs.readFileSync(path.join(workspace, FILE), 'utf8'), onDisk, 'the file on disk is untouched');
  },
};
