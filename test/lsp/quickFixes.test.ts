// Every rule fixture through the protocol: fix-all reproduces the expected fixed file, and each
// finding's quick fix and its "Disable for this line" action, applied to the text and re-analysed,
// remove that finding and keep the file parseable.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parser } from '@lezer/python';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, TestClient } from './client';

const FIXTURES = path.resolve(__dirname, '../fixtures/python');

function positiveFixtures(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .flatMap((rule) => {
      const dir = path.join(FIXTURES, rule, 'positive');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).map((f) => path.join(dir, f)) : [];
    })
    .sort();
}

function parseErrors(text: string): number {
  let errors = 0;
  parser.parse(text).iterate({ enter: (n) => void (n.type.isError && errors++) });
  return errors;
}

describe('lsp server: quick fixes on every rule fixture', function () {
  let client: TestClient;
  let version = 0;
  const uri = 'file:///virtual/fixture.py';

  async function analyse(text: string): Promise<Diagnostic[]> {
    const v = ++version;
    const from = client.notifications.length;
    if (v === 1) await client.open(uri, text, v);
    else await client.change(uri, v, [{ text }]);
    return client.diagnostics(uri, from, (p) => p.version === v);
  }

  const count = (ds: Diagnostic[], code: Diagnostic['code']) => ds.filter((d) => d.code === code).length;

  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(() => client.dispose());

  it('has fixtures to run', () => assert.ok(positiveFixtures().length >= 9));

  // X.fixed.py holds every fix of the folder's rule applied to X.py; no other rule fixes these files.
  for (const file of positiveFixtures().filter((f) => fs.existsSync(f.replace(/\.py$/, '.fixed.py')))) {
    it(`fix-all on ${path.relative(FIXTURES, file)} gives the .fixed.py file`, async () => {
      const text = fs.readFileSync(file, 'utf8');
      await analyse(text);
      const start = { line: 0, character: 0 };
      const [fixAll] = await client.codeActions(uri, { start, end: start }, { diagnostics: [], only: ['source.fixAll'] });
      assert.equal(applyEdits(text, fixAll.edit?.changes?.[uri] ?? []), fs.readFileSync(file.replace(/\.py$/, '.fixed.py'), 'utf8'));
    });
  }

  for (const file of positiveFixtures()) {
    it(path.relative(FIXTURES, file), async () => {
      const text = fs.readFileSync(file, 'utf8');
      const before = await analyse(text);
      assert.ok(before.length > 0, 'a positive fixture has findings');
      const errorsBefore = parseErrors(text);
      for (const d of before) {
        await analyse(text); // actions are asked for the current version
        const actions: CodeAction[] = await client.codeActions(uri, d.range, { diagnostics: [d] });
        const disable = actions.find((a) => a.title === `Disable ${d.code} for this line`);
        assert.ok(disable, `${d.code} at line ${d.range.start.line + 1} can be disabled`);
        const fix = actions.find((a) => a.isPreferred);
        assert.equal(fix !== undefined, (d.data as { fix?: unknown }).fix !== undefined, 'a quick fix exactly when the finding has one');
        for (const action of fix ? [fix, disable] : [disable]) {
          const edited = applyEdits(text, action.edit?.changes?.[uri] ?? []);
          assert.notEqual(edited, text, action.title);
          const after = await analyse(edited);
          assert.ok(count(after, d.code) < count(before, d.code), `${action.title} removes the finding at line ${d.range.start.line + 1}`);
          assert.ok(parseErrors(edited) <= errorsBefore, `${action.title} keeps the file valid Python`);
        }
      }
    });
  }
});
