// `activation-lens check` through the built CLI: exit codes, text/JSON/SARIF output, file walking,
// configuration and unreadable files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { fixture, REPO, runCli, tempTrees } from './runCli';

const DCGAN = 'ACT010/positive/dcgan_discriminator.py';
const CLEAN = 'ACT010/negative/keras_dense_sigmoid_bce.py';

/** 1-based lines of the `# expect: CODE` annotations in a fixture. */
function expectedLines(text: string, code: string): number[] {
  return text.split('\n').flatMap((line, i) => (new RegExp(`expect:.*\\b${code}\\b`).test(line) ? [i + 1] : []));
}

describe('activation-lens check', function () {
  this.timeout(30000);
  const tree = tempTrees();

  it('exits 0 and says so on a clean file', () => {
    const dir = tree({ 'model.py': fixture(CLEAN) });
    const r = runCli(['check', 'model.py'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'All checks passed!\n');
  });

  it('prints ruff-style lines and a summary, exits 1 on findings, 0 with --exit-zero', () => {
    const text = fixture(DCGAN);
    const dir = tree({ 'gan/dcgan.py': text });
    const r = runCli(['check'], dir);
    assert.equal(r.status, 1, r.stderr);
    const [line] = expectedLines(text, 'ACT010');
    const col = text.split('\n')[line - 1].indexOf('nn.Sigmoid') + 1;
    assert.equal(r.stdout, `gan/dcgan.py:${line}:${col}: ACT010 sigmoid output feeds nn.BCELoss: use BCEWithLogitsLoss on the logits (numerically stable; BCELoss clamps log(p) at -100, so a saturated sigmoid gets no gradient)\nFound 1 finding.\n`);
    assert.equal(runCli(['check', '--exit-zero'], dir).status, 0);
  });

  it('writes JSON with 1-based positions, rule names and documentation URLs', () => {
    const text = fixture(DCGAN);
    const dir = tree({ 'dcgan.py': text, 'clean.py': fixture(CLEAN) });
    const r = runCli(['check', '.', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    assert.equal(out.files, 2);
    assert.equal(out.findings.length, 1);
    const [f] = out.findings;
    assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'rule', 'severity', 'message', 'url']);
    assert.equal(f.file, 'dcgan.py');
    assert.equal(f.line, expectedLines(text, 'ACT010')[0]);
    assert.equal(f.column, text.split('\n')[f.line - 1].indexOf('nn.Sigmoid') + 1);
    assert.equal(f.rule, 'sigmoid-before-bce');
    assert.equal(f.severity, 'warning');
    assert.equal(f.url, 'https://github.com/activation-lens/activation-lens/blob/main/docs/rules/ACT010.md');
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const dir = tree({ 'models/dcgan.py': fixture(DCGAN), 'models/vae.py': fixture('ACT010/positive/vae.py') });
    const r = runCli(['check', 'models', '--format', 'sarif'], dir);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'activation-lens');
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'ACT010');
    assert.equal(rule.name, 'sigmoid-before-bce');
    assert.equal(rule.helpUri, 'https://github.com/activation-lens/activation-lens/blob/main/docs/rules/ACT010.md');
    assert.equal(rule.defaultConfiguration.level, 'warning');
    assert.ok(rule.shortDescription.text.length > 0);
    const uris = run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri).sort();
    assert.deepEqual(uris, ['models/dcgan.py', 'models/vae.py']);
    for (const result of run.results) {
      assert.equal(result.ruleId, 'ACT010');
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.level, 'warning');
      assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
      assert.ok(result.fixes[0].artifactChanges[0].replacements.length === 2, 'the fix carries both edits');
    }
  });

  it('maps severities to SARIF levels', () => {
    const dir = tree({ 'mlp.py': fixture('ACT002/positive/sigmoid_mlp.py') });
    const log = JSON.parse(runCli(['check', '--format', 'sarif'], dir).stdout);
    assert.deepEqual(log.runs[0].results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`), ['ACT002:note']);
  });

  it('walks folders, skipping VCS, dependency, cache and virtualenv folders and what .gitignore ignores', () => {
    const bad = fixture(DCGAN);
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*_tmp.py\n',
      'src/pkg/model.py': bad,
      'src/pkg/scratch_tmp.py': bad,
      'generated/model.py': bad,
      'node_modules/pkg/model.py': bad,
      '.venv/lib/model.py': bad,
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/model.py': bad,
      'src/__pycache__/model.py': bad,
      'src/pkg/.gitignore': 'local.py\n',
      'src/pkg/local.py': bad,
      'notes.txt': bad,
    });
    const out = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    assert.equal(out.files, 1);
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['src/pkg/model.py']);
    const named = JSON.parse(runCli(['check', 'generated/model.py', '--format', 'json'], dir).stdout);
    assert.equal(named.findings.length, 1, 'a file named on the command line is checked even if ignored');
    const folder = JSON.parse(runCli(['check', 'generated', '--format', 'json'], dir).stdout);
    assert.equal(folder.files, 1, 'so is a folder');
  });

  it('reports binary and oversized files on one line each and goes on', () => {
    const dir = tree({
      'a_binary.py': Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]),
      'b_huge.py': `x = 1\n${'# padding\n'.repeat(600_000)}`,
      'c_latin1.py': Buffer.from('x = "caf\xe9"\n', 'latin1'),
      'd_model.py': fixture(DCGAN),
    });
    const r = runCli(['check', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 1);
    assert.deepEqual(out.skipped.map((s: { file: string }) => s.file), ['a_binary.py', 'b_huge.py', 'c_latin1.py']);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines, [
      'activation-lens: warning: a_binary.py: skipped: binary file',
      'activation-lens: warning: b_huge.py: skipped: file too large (5.7 MB; the limit is 5 MB)',
      'activation-lens: warning: c_latin1.py: skipped: not UTF-8 text',
    ]);
  });

  it('reads the nearest pyproject.toml with a [tool.activation-lens] table', () => {
    const dir = tree({
      'pyproject.toml': '[tool.activation-lens]\nignore = ["ACT010"]\n',
      'pkg/pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/dcgan.py': fixture(DCGAN),
      'other/pyproject.toml': '[tool.activation-lens.severity]\nACT010 = "error"\n',
      'other/dcgan.py': fixture(DCGAN),
    });
    const out = JSON.parse(runCli(['check', '--format', 'json'], dir).stdout);
    assert.deepEqual(out.findings.map((f: { file: string; severity: string }) => `${f.file}:${f.severity}`), ['other/dcgan.py:error']);
    const selected = JSON.parse(runCli(['check', 'pkg', '--format', 'json', '--select', 'ACT01'], dir).stdout);
    assert.equal(selected.findings.length, 1, '--select starts afresh: the configured ignore no longer applies');
    const ignored = JSON.parse(runCli(['check', 'other', '--format', 'json', '--ignore', 'ACT0'], dir).stdout);
    assert.equal(ignored.findings.length, 0, '--ignore adds to the configuration');
  });

  it('uses --config for every file and warns about unknown codes in it', () => {
    const dir = tree({
      'ci.toml': '[tool.activation-lens]\nselect = ["ACT040", "XYZ1"]\n',
      'dcgan.py': fixture(DCGAN),
    });
    const r = runCli(['check', '--config', 'ci.toml'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, "activation-lens: warning: ci.toml: [tool.activation-lens] select: unknown rule code 'XYZ1'\n");
  });

  it('honours inline suppressions', () => {
    const text = fixture(DCGAN).replace('nn.Sigmoid()  # expect: ACT010', 'nn.Sigmoid()  # activation-lens: ignore[ACT010]');
    const dir = tree({ 'dcgan.py': text });
    assert.equal(runCli(['check'], dir).status, 0);
  });

  it('warns when there is nothing to check', () => {
    const dir = tree({ 'README.md': '# models\n' });
    const r = runCli(['check'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'activation-lens: warning: no Python files or notebooks found\n');
  });

  it('exits 2 on usage errors', () => {
    const dir = tree({ 'a.py': 'x = 1\n' });
    for (const args of [['check', '--format', 'xml'], ['check', '--bogus'], ['check', 'missing.py'], ['check', '--select', 'NOPE'], ['check', '--config', 'none.toml']]) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^activation-lens: /, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });
});
