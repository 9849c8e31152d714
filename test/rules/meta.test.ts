// The rule set's bookkeeping: file names, registry, documentation pages, fix fixtures, messages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../server/rules/types';
import { getRule, RULES } from '../../server/rules/index';
import { ruleDocsUrl } from '../../server/rules/docs';

const REPO = path.resolve(__dirname, '../..');
const RULE_DIR = path.join(REPO, 'server/rules');
const ruleFiles = fs.readdirSync(RULE_DIR).filter((f) => /^ACT\d{3}-/.test(f));

/** Section headings every rule page has, in this order. */
const DOC_SECTIONS = ['What it detects', 'Why it matters', 'Examples', 'When it stays silent', 'Fix', 'Suppressing it', 'Settings'];

function ruleOf(file: string): Rule {
  return (require(path.join(RULE_DIR, file)) as { rule: Rule }).rule;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('rule set', () => {
  it('names each rule file after its code and name', () => {
    assert.ok(ruleFiles.length > 0);
    for (const file of ruleFiles) {
      const rule = ruleOf(file);
      assert.equal(file, `${rule.code}-${rule.name}.ts`);
    }
  });

  it('registers every rule file once, sorted by code', () => {
    assert.deepEqual(RULES.map((r) => r.code), ruleFiles.map((f) => f.slice(0, 6)).sort());
    assert.deepEqual(RULES.map((r) => r.code), [...RULES.map((r) => r.code)].sort());
    for (const file of ruleFiles) assert.equal(getRule(ruleOf(file).code), ruleOf(file));
    assert.equal(getRule('act010'), getRule('ACT010'));
    assert.equal(getRule('ACT999'), undefined);
  });

  it('has a documentation page per rule with every section, and a URL derived from the code', () => {
    for (const rule of RULES) {
      const page = path.join(REPO, 'docs/rules', `${rule.code}.md`);
      assert.ok(fs.existsSync(page), `${page} exists`);
      const text = fs.readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${rule.code} ${rule.name}\n`), `${rule.code} page title`);
      const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(headings, DOC_SECTIONS, `${rule.code} sections`);
      assert.ok(text.includes(`ignore[${rule.code}]`), `${rule.code} page shows how to suppress it`);
      assert.equal(ruleDocsUrl(rule.code), `https://github.com/activation-lens/activation-lens/blob/main/docs/rules/${rule.code}.md`);
    }
  });

  it('has a fix fixture for every fixable rule, and none for the others', () => {
    for (const rule of RULES) {
      const pairs = filesUnder(path.join(REPO, 'test/fixtures/python', rule.code)).filter((f) => f.endsWith('.fixed.py'));
      assert.equal(pairs.length > 0, rule.meta.fixable, `${rule.code} fixable: ${rule.meta.fixable}, fix fixtures: ${pairs.length}`);
    }
  });

  it('uses every message it declares', () => {
    for (const file of ruleFiles) {
      const source = fs.readFileSync(path.join(RULE_DIR, file), 'utf8');
      for (const key of Object.keys(ruleOf(file).messages)) {
        assert.ok(source.includes(`messages.${key}(`), `${file}: messages.${key} is used`);
      }
    }
  });

  it('states a one-paragraph summary and a default severity', () => {
    for (const rule of RULES) {
      assert.ok(rule.meta.docs.length > 40 && !rule.meta.docs.includes('\n'), rule.code);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.meta.severity), rule.code);
    }
  });
});
