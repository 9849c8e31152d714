// 7. The background scan fills the Problems panel with the findings of closed files: exactly the
// fixture workspace's `# expect:` lines. Opening one Python file activates the extension (its
// activation event is onLanguage:python); that file is closed again before checking.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { poll } from '../poll';
import { expectations } from '../expectations';
import type { Scenario } from '../scenario';

export const workspaceScan: Scenario = {
  name: 'workspace-scan',
  title: 'workspace scan lists findings of closed files in Problems',
  restricted: false,
  async run({ workbench, workspace }) {
    const expected = expectations(workspace).map((e) => `${e.file}:${e.line} ${e.code}`).sort();
    assert.ok(expected.length >= 4, 'the fixture workspace expects findings in several files');
    await workbench.openFile('mlp/regressor.py');
    await workbench.runCommand('View: Close All Editors');
    await poll('no editor open', async () => ((await workbench.page.locator('.tab').count()) === 0 ? true : undefined));
    await workbench.showProblems();
    let shown: string[] = [];
    await poll(`the Problems panel to list ${expected.join(', ')}`, async () => {
      shown = (await workbench.problems()).map((p) => `${path.relative(workspace, p.file)}:${p.line} ${p.code}`).sort();
      if (shown.join('\n') === expected.join('\n')) return true;
      throw new Error(`listed: ${shown.join(', ') || 'nothing'}`);
    }, { timeout: 30_000 });
    assert.equal(await workbench.problemsBadge(), expected.length, 'the Problems badge counts every finding');
    assert.equal(await workbench.page.locator('.tab').count(), 0, 'every file is closed');
  },
};
