// Table-driven: every fixture under test/fixtures/{python,tfjs,config} is analysed and its findings
// (code + line) must equal its expectations exactly. Expectations are comments on the line where a
// finding starts — `# expect: ACTnnn` in Python, YAML and prototxt, `// expect: ACTnnn` in TF.js
// sources — or, for formats where such a comment is impossible (JSON) or would change the file
// (darknet reads `activation=leaky # x` as the activation `leaky#x`), a sidecar `X.json.expect`
// with one `LINE CODE` pair per line. `X.py` with a sibling `X.fixed.py` is also a fix pair:
// applying every fix of the rule in X.py must give X.fixed.py, valid Python without that rule's
// findings and with the other rules' findings unchanged. Fixes edit Python only: findings in
// TF.js and config files carry none.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/analysis/analyze';
import type { Finding, TextEdit } from '../../server/rules/types';
import { SourceText } from '../../server/rules/sourceText';
import { syntaxErrors } from './pythonSyntax';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const ROOTS = ['python', 'tfjs', 'config'];

/** How each fixture extension states its expectations: a comment marker, or a sidecar file. */
const EXPECTATIONS: Readonly<Record<string, '#' | '//' | 'sidecar'>> = {
  '.py': '#', '.yaml': '#', '.yml': '#', '.prototxt': '#',
  '.ts': '//', '.tsx': '//', '.js': '//', '.mjs': '//', '.cjs': '//', '.jsx': '//',
  '.json': 'sidecar', '.cfg': 'sidecar',
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return path.extname(e.name) in EXPECTATIONS && !e.name.endsWith('.fixed.py') ? [full] : [];
  }).sort();
}

/** `CODE@line` (1-based) for each expectation of a fixture. */
function expectations(file: string, text: string): string[] {
  const marker = EXPECTATIONS[path.extname(file)];
  const out: string[] = [];
  if (marker === 'sidecar') {
    const sidecar = `${file}.expect`;
    if (!fs.existsSync(sidecar)) return out;
    for (const line of fs.readFileSync(sidecar, 'utf8').split('\n')) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const m = /^\s*(\d+)\s+(ACT\d{3})\s*$/.exec(line);
      assert.ok(m, `${sidecar}: '${line}' is not 'LINE CODE'`);
      out.push(`${m[2]}@${m[1]}`);
    }
    return out.sort();
  }
  const pattern = new RegExp(`${marker}.*\\bexpect:\\s*([A-Z0-9,\\s]+?)\\s*$`);
  text.split('\n').forEach((line, i) => {
    const m = pattern.exec(line);
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
  assert.equal(result.model.skipped, undefined, 'the fixture is analysed');
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

/** The language folder, rule and case of a fixture: `tfjs`, `ACT010`, `positive`. */
function classify(file: string): { root: string; code: string; kind: string } {
  const [root, code, kind] = path.relative(FIXTURES, file).split(path.sep);
  return { root, code, kind };
}

const files = ROOTS.flatMap((root) => walk(path.join(FIXTURES, root)));

describe('rule fixtures', () => {
  for (const root of ROOTS) {
    it(`${root}: cover every rule they have a folder for with at least three positive and three negative files`, () => {
      const counts = new Map<string, number>();
      const mine = files.filter((f) => classify(f).root === root);
      for (const f of mine) {
        const { code, kind } = classify(f);
        counts.set(`${code}/${kind}`, (counts.get(`${code}/${kind}`) ?? 0) + 1);
      }
      const codes = new Set(mine.map((f) => classify(f).code));
      assert.ok(codes.size > 0, `${root} has fixtures`);
      for (const code of codes) {
        assert.ok((counts.get(`${code}/positive`) ?? 0) >= 3, `${root}/${code} positives`);
        assert.ok((counts.get(`${code}/negative`) ?? 0) >= 3, `${root}/${code} negatives`);
      }
    });
  }

  it('has no sidecar without its fixture', () => {
    const sidecars = ROOTS.flatMap((root) => {
      const all = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      return all(path.join(FIXTURES, root)).filter((f) => f.endsWith('.expect'));
    });
    for (const s of sidecars) assert.ok(files.includes(s.slice(0, -'.expect'.length)), `${s} belongs to a fixture`);
  });

  for (const file of files) {
    const rel = path.relative(FIXTURES, file);
    it(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = expectations(file, text);
      const { root, code, kind } = classify(file);
      const own = expected.filter((e) => e.startsWith(`${code}@`));
      if (kind === 'positive') assert.ok(own.length > 0, `a positive fixture expects ${code}`);
      else assert.deepEqual(own, [], `a negative fixture expects no ${code}`);
      const { findings } = analyseFile(file, text);
      assert.deepEqual(found(findings), expected);
      if (root !== 'python') assert.deepEqual(findings.filter((f) => f.fix), [], 'no Python edits offered outside Python');
    });
  }
});

describe('fix fixtures', () => {
  for (const file of files.filter((f) => f.endsWith('.py') && fs.existsSync(f.replace(/\.py$/, '.fixed.py')))) {
    const rel = path.relative(FIXTURES, file);
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
