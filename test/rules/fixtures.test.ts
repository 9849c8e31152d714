// Table-driven: every fixture under test/fixtures/python is analysed and its findings (code + line)
// must equal its `# expect: ACTnnn` annotations exactly. `X.py` with a sibling `X.fixed.py` is also
// a fix pair: applying every fix of the rule in X.py must give X.fixed.py, valid Python without
// that rule's findings and with the other rules' findings unchanged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/analysis/analyze';
import type { Finding, TextEdit } from '../../server/rules/types';
import { SourceText } from '../../server/rules/sourceText';
import { syntaxErrors } from './pythonSyntax';

const ROOT = path.resolve(__dirname, '../fixtures/python');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name.endsWith('.py') && !e.name.endsWith('.fixed.py') ? [full] : [];
  }).sort();
}

/** `CODE@line` (1-based) for each `# expect: A, B` annotation. */
function expectations(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#.*\bexpect:\s*([A-Z0-9,\s]+?)\s*$/.exec(line);
    if (m) for (const code of m[1].split(',')) out.push(`${code.trim()}@${i + 1}`);
  });
  return out.sort();
}

function found(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
}

function analyseFile(file: string, text = fs.readFileSync(file, 'utf8')) {
  const result = analyze({ text, path: file });
  assert.deepEqual(result.errors ?? [], [], 'no internal errors');
  return result;
}

/** Apply non-overlapping edits, last first. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const src = new SourceText(text);
  const spans = edits.map((e) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    assert.ok(s.end <= limit, 'edits do not overlap');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** The rule a fixture belongs to and whether it is a positive or negative case. */
function classify(file: string): { code: string; kind: string } {
  const [code, kind] = path.relative(ROOT, file).split(path.sep);
  return { code, kind };
}

const files = walk(ROOT);

describe('rule fixtures', () => {
  it('cover every rule with at least three positive and three negative files', () => {
    const counts = new Map<string, number>();
    for (const f of files) {
      const { code, kind } = classify(f);
      counts.set(`${code}/${kind}`, (counts.get(`${code}/${kind}`) ?? 0) + 1);
    }
    const codes = new Set(files.map((f) => classify(f).code));
    for (const code of codes) {
      assert.ok((counts.get(`${code}/positive`) ?? 0) >= 3, `${code} positives`);
      assert.ok((counts.get(`${code}/negative`) ?? 0) >= 3, `${code} negatives`);
    }
  });

  for (const file of files) {
    const rel = path.relative(ROOT, file);
    it(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = expectations(text);
      const { code, kind } = classify(file);
      const own = expected.filter((e) => e.startsWith(`${code}@`));
      if (kind === 'positive') assert.ok(own.length > 0, `a positive fixture expects ${code}`);
      else assert.deepEqual(own, [], `a negative fixture expects no ${code}`);
      assert.deepEqual(found(analyseFile(file, text).findings), expected);
    });
  }
});

describe('fix fixtures', () => {
  for (const file of files.filter((f) => fs.existsSync(f.replace(/\.py$/, '.fixed.py')))) {
    const rel = path.relative(ROOT, file);
    it(rel, () => {
      const { code } = classify(file);
      const text = fs.readFileSync(file, 'utf8');
      const before = analyseFile(file, text).findings;
      const fixable = before.filter((f) => f.code === code);
      assert.ok(fixable.length > 0 && fixable.every((f) => f.fix), `every ${code} finding has a fix`);
      const fixed = applyEdits(text, fixable.flatMap((f) => f.fix!.edits));
      assert.equal(fixed, fs.readFileSync(file.replace(/\.py$/, '.fixed.py'), 'utf8'));
      assert.deepEqual(syntaxErrors(fixed), [], 'the fixed file parses');
      const after = analyseFile(file, fixed).findings;
      assert.deepEqual(after.filter((f) => f.code === code), [], `no ${code} left`);
      const others = (fs: Finding[]) => fs.filter((f) => f.code !== code).map((f) => f.code).sort();
      assert.deepEqual(others(after), others(before), 'other findings unchanged');
    });
  }
});
