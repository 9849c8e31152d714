// pyproject.toml [tool.activation-lens] → settings, and how settings merge.
import * as assert from 'node:assert/strict';
import { mergeSettings, settingsFromPyproject, DEFAULT_SETTINGS } from '../../server/analysis/settings';
import { ruleEnabled } from '../../server/rules/selection';

describe('settingsFromPyproject', () => {
  it('reads select, ignore, the ACT001 threshold and the severity table', () => {
    const { settings, warnings } = settingsFromPyproject(`
[project]
name = "demo"

[tool.activation-lens]
select = ["ACT0", "act010"]
ignore = ["ACT002"]
act001-threshold = 0.005

[tool.activation-lens.severity]
ACT030 = "error"
ACT031 = "off"
`);
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings, { select: ['ACT0', 'ACT010'], ignore: ['ACT002'], act001Threshold: 0.005, severity: { ACT030: 'error', ACT031: 'off' } });
  });

  it('returns nothing for a pyproject.toml without the table', () => {
    assert.deepEqual(settingsFromPyproject('[tool.ruff]\nline-length = 100\n'), { settings: {}, warnings: [] });
  });

  it('warns about unknown codes and keys and wrong values, keeping the rest', () => {
    const { settings, warnings } = settingsFromPyproject(`
[tool.activation-lens]
select = ["ACT010", "E501"]
act001-threshold = 2
colour = "blue"

[tool.activation-lens.severity]
ACT999 = "error"
ACT010 = "loud"
ACT020 = "hint"
`);
    assert.deepEqual(settings, { select: ['ACT010'], severity: { ACT020: 'hint' } });
    assert.deepEqual(warnings, [
      "[tool.activation-lens] select: unknown rule code 'E501'",
      '[tool.activation-lens] act001-threshold must be a number between 0 and 1 (exclusive); ignored',
      "[tool.activation-lens] unknown key 'colour'",
      "[tool.activation-lens.severity] unknown rule code 'ACT999'",
      "[tool.activation-lens.severity] ACT010: 'loud' is not one of error, warning, information, hint, off",
    ]);
  });

  it('reports invalid TOML as a warning instead of throwing', () => {
    const { settings, warnings } = settingsFromPyproject('[tool.activation-lens\nselect = [');
    assert.deepEqual(settings, {});
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^pyproject\.toml is not valid TOML: /);
  });

  it('rejects a select that is not a list of strings', () => {
    const { settings, warnings } = settingsFromPyproject('[tool.activation-lens]\nselect = "ACT010"\n');
    assert.deepEqual(settings, {});
    assert.match(warnings[0], /select must be a list of rule codes/);
  });
});

describe('mergeSettings and ruleEnabled', () => {
  it('starts from the defaults and merges severity tables per code', () => {
    const merged = mergeSettings({ severity: { ACT001: 'error' }, act001Threshold: 0.02 }, { severity: { ACT002: 'off' } }, undefined);
    assert.deepEqual(merged, { severity: { ACT001: 'error', ACT002: 'off' }, act001Threshold: 0.02 });
    assert.deepEqual(DEFAULT_SETTINGS.severity, {}, 'defaults are not mutated');
    assert.equal(DEFAULT_SETTINGS.act001Threshold, 0.01);
  });

  it('lets the more specific of select and ignore win, and ALL select everything', () => {
    const s = (select?: string[], ignore?: string[]) => ({ select, ignore, severity: {} });
    assert.ok(ruleEnabled('ACT010', s()));
    assert.ok(!ruleEnabled('ACT010', s(undefined, ['ACT01'])));
    assert.ok(ruleEnabled('ACT010', s(['ACT010'], ['ACT0'])));
    assert.ok(!ruleEnabled('ACT010', s(['ACT0'], ['ACT010'])));
    assert.ok(!ruleEnabled('ACT010', s(['ACT0'], ['ACT0'])), 'a tie goes to ignore');
    assert.ok(ruleEnabled('ACT040', s(['ALL'])));
    assert.ok(!ruleEnabled('ACT040', s(['ALL'], ['ACT04'])));
    assert.ok(!ruleEnabled('ACT040', s(['ACT01'])));
    assert.ok(!ruleEnabled('ACT040', { severity: { ACT040: 'off' } }));
  });
});
