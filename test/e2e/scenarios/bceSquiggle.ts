// 1. A DCGAN discriminator ending in nn.Sigmoid() trained with nn.BCELoss(): ACT010's squiggle sits
// on the sigmoid, the Problems panel lists it with its code, and the code's link opens its page.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleDocsUrl } from '../../../server/rules/docs';
import { poll } from '../poll';
import { expectations } from '../expectations';
import { ROOT, type Scenario } from '../scenario';

const FILE = 'gan/dcgan.py';

export const bceSquiggle: Scenario = {
  name: 'bce-squiggle',
  title: 'ACT010 squiggle on nn.Sigmoid(), Problems entry, documentation link',
  restricted: true,
  async run({ workbench, workspace }) {
    const { page, context } = workbench;
    const expected = expectations(workspace).find((e) => e.file === FILE && e.code === 'ACT010');
    assert.ok(expected, `${FILE} has no "# expect: ACT010" line`);
    await workbench.openFile(FILE);
    await workbench.goTo(expected.line, 13);

    const sigmoid = await poll('nn.Sigmoid() to be drawn', () => workbench.textBox('nn.Sigmoid()', 'nn.Sigmoid()'));
    const squiggle = await poll('a warning squiggle', async () => (await workbench.squiggles())[0]);
    assert.equal((await workbench.squiggles()).length, 1, 'one squiggle in the file');
    assert.ok(Math.abs(squiggle.x - sigmoid.x) < 3 && Math.abs(squiggle.width - sigmoid.width) < 3,
      `the squiggle spans x ${squiggle.x}+${squiggle.width}, nn.Sigmoid() spans x ${sigmoid.x}+${sigmoid.width}`);
    assert.ok(squiggle.y >= sigmoid.y - 2 && squiggle.y <= sigmoid.y + sigmoid.height, 'the squiggle is on the sigmoid\'s line');

    await workbench.showProblems({ maximize: false });
    const entry = await poll(`the Problems entry ACT010 at line ${expected.line}`, async () =>
      (await workbench.problems()).find((p) => p.file.endsWith(FILE) && p.code === 'ACT010' && p.line === expected.line));
    assert.equal(entry.column, 13);
    assert.match(entry.message, /BCEWithLogitsLoss/);
    const docsUrl = ruleDocsUrl('ACT010');
    assert.equal(entry.href, docsUrl);

    // No network here: the docs site is served from this checkout's docs/, the page the URL names.
    const repoUrl = docsUrl.slice(0, docsUrl.indexOf('/blob/main/'));
    await context.route(`${repoUrl}/blob/main/**`, (route) => {
      const file = path.join(ROOT, new URL(route.request().url()).pathname.replace(/^.*?\/blob\/main\//, ''));
      return fs.existsSync(file)
        ? route.fulfill({ contentType: 'text/plain; charset=utf-8', body: fs.readFileSync(file, 'utf8') })
        : route.fulfill({ status: 404, body: 'not found' });
    });
    const opened = context.waitForEvent('page', { timeout: 15_000 });
    await page.locator('.markers-panel a.monaco-link', { hasText: 'ACT010' }).first().click();
    // code-server asks before opening an external site.
    const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    await poll('the "open external website" dialog or the docs page', async () => {
      if (await confirm.isVisible()) await confirm.click();
      return context.pages().length > 1 || undefined;
    });
    const docsPage = await opened;
    await docsPage.waitForLoadState();
    assert.equal(docsPage.url(), docsUrl);
    assert.match(await docsPage.locator('body').innerText(), /^# ACT010 sigmoid-before-bce/);
    await docsPage.close();
  },
};
