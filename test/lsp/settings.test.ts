import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_EDITOR_SETTINGS } from '../../shared/protocol';
import { PyprojectLookup } from '../../server/lsp/pyproject';
import { mergeSettings, sanitizeEditorSettings, SettingsCache } from '../../server/lsp/settings';

describe('lsp: settings', () => {
  it('keeps valid editor settings and drops unknown codes, bad severities and bad thresholds with a warning each', () => {
    const warnings: string[] = [];
    const s = sanitizeEditorSettings(
      { enable: false, severity: { act010: 'error', ACT999: 'off', ACT001: 'loud' }, act001Threshold: 2, exclude: ['gen/**', 3, ''], maxFileSize: 1000, hover: { plotLink: false } },
      (m) => warnings.push(m),
    );
    assert.deepEqual(s, { ...DEFAULT_EDITOR_SETTINGS, enable: false, severity: { ACT010: 'error' }, exclude: ['gen/**'], maxFileSize: 1000, hover: { plotLink: false } });
    assert.deepEqual(warnings, [
      "activationLens.severity: unknown rule code 'ACT999' ignored",
      "activationLens.severity.ACT001: 'loud' is not one of off, hint, information, warning, error",
      'activationLens.act001Threshold: 2 is not a number between 0 and 1 (exclusive); ignored',
    ]);
    assert.deepEqual(sanitizeEditorSettings(null, () => assert.fail('no warning for missing settings')), DEFAULT_EDITOR_SETTINGS);
  });

  it('lets the editor win over pyproject.toml rule by rule, keeping select/ignore from the file', () => {
    const editor = { ...DEFAULT_EDITOR_SETTINGS, severity: { ACT010: 'error' as const } };
    const merged = mergeSettings(editor, { path: 'pyproject.toml', settings: { severity: { ACT010: 'off', ACT002: 'hint' }, act001Threshold: 0.05, ignore: ['ACT04'] } });
    assert.deepEqual(merged.analysis, { severity: { ACT010: 'error', ACT002: 'hint' }, act001Threshold: 0.05, ignore: ['ACT04'] });
    assert.equal(mergeSettings({ ...editor, act001Threshold: 0.2 }, undefined).analysis.act001Threshold, 0.2);
  });

  describe('nearest pyproject.toml', () => {
    let root: string;
    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-pyproject-'));
      fs.mkdirSync(path.join(root, 'pkg', 'sub'), { recursive: true });
      fs.mkdirSync(path.join(root, 'broken'));
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.activation-lens]\nignore = ["ACT040"]\n[tool.activation-lens.severity]\nACT002 = "off"\n');
      fs.writeFileSync(path.join(root, 'pkg', 'pyproject.toml'), '[project]\nname = "pkg"\n');
      fs.writeFileSync(path.join(root, 'broken', 'pyproject.toml'), '[tool.activation-lens\n');
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('skips a pyproject.toml without [tool.activation-lens] and reports a malformed one', async () => {
      const warnings: string[] = [];
      const lookup = new PyprojectLookup((m) => warnings.push(m));
      const found = await lookup.forFile(path.join(root, 'pkg', 'sub', 'model.py'));
      assert.equal(found?.path, path.join(root, 'pyproject.toml'));
      assert.deepEqual(found?.settings, { ignore: ['ACT040'], severity: { ACT002: 'off' } });
      const broken = await lookup.forFile(path.join(root, 'broken', 'model.py'));
      assert.equal(broken?.path, path.join(root, 'broken', 'pyproject.toml'));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /broken.pyproject\.toml: pyproject\.toml is not valid TOML/);
    });

    it('caches per scope until cleared, and logs each problem once per configuration', async () => {
      let asked = 0;
      const warnings: string[] = [];
      const cache = new SettingsCache({
        editorSection: async () => {
          asked++;
          return { severity: { ACT998: 'off' } };
        },
        pyproject: async () => undefined,
        warn: (m) => warnings.push(m),
      });
      await cache.get('file:///a.py');
      await cache.get('file:///a.py');
      await cache.get('file:///b.py', 'file:///a.py');
      assert.equal(asked, 1);
      await cache.get('file:///b.py');
      assert.equal(asked, 2);
      assert.equal(warnings.length, 1);
      cache.clear();
      await cache.get('file:///a.py');
      assert.equal(asked, 3);
      assert.equal(warnings.length, 2);
    });
  });
});
