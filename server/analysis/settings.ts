// Analysis settings: defaults, merging, and the `[tool.activation-lens]` table of pyproject.toml
// (shaped like ruff's: select / ignore prefixes, a severity table, rule options in kebab-case).

import { parse as parseToml } from 'smol-toml';
import type { AnalysisSettings, SeveritySetting } from '../rules/types';
import { RULES } from '../rules/index';

export const DEFAULT_SETTINGS: AnalysisSettings = Object.freeze({
  severity: Object.freeze({}) as Record<string, SeveritySetting>,
  act001Threshold: 0.01,
});

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Later settings override earlier ones; severity tables merge per code. */
export function mergeSettings(...layers: (Partial<AnalysisSettings> | undefined)[]): AnalysisSettings {
  const out: AnalysisSettings = { ...DEFAULT_SETTINGS, severity: {} };
  for (const layer of layers) {
    if (!layer) continue;
    const { severity, ...rest } = layer;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    }
    if (severity) Object.assign(out.severity, severity);
  }
  return out;
}

/** Whether `entry` names a rule or a prefix of one (`ACT0`), or is `ALL`. */
function isKnownSelector(entry: string): boolean {
  const e = entry.trim().toUpperCase();
  return e === 'ALL' || (e !== '' && RULES.some((r) => r.code.startsWith(e)));
}

function codeList(value: unknown, key: string, warnings: string[]): string[] | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    warnings.push(`[tool.activation-lens] ${key} must be a list of rule codes, e.g. ["ACT010"]; ignored`);
    return undefined;
  }
  for (const code of value) {
    if (!isKnownSelector(code)) warnings.push(`[tool.activation-lens] ${key}: unknown rule code '${code}'`);
  }
  return value.filter(isKnownSelector).map((c) => c.trim().toUpperCase());
}

function severityTable(value: unknown, warnings: string[]): Record<string, SeveritySetting> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warnings.push('[tool.activation-lens] severity must be a table, e.g. [tool.activation-lens.severity] ACT002 = "off"; ignored');
    return undefined;
  }
  const out: Record<string, SeveritySetting> = {};
  for (const [code, level] of Object.entries(value)) {
    const known = RULES.some((r) => r.code === code.toUpperCase());
    if (!known) {
      warnings.push(`[tool.activation-lens.severity] unknown rule code '${code}'`);
    } else if (typeof level !== 'string' || !SEVERITIES.includes(level as SeveritySetting)) {
      warnings.push(`[tool.activation-lens.severity] ${code}: '${String(level)}' is not one of ${SEVERITIES.join(', ')}`);
    } else {
      out[code.toUpperCase()] = level as SeveritySetting;
    }
  }
  return out;
}

/** Settings from the text of a pyproject.toml; problems come back as warnings, never as exceptions. */
export function settingsFromPyproject(tomlText: string): { settings: Partial<AnalysisSettings>; warnings: string[] } {
  const warnings: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(tomlText) as Record<string, unknown>;
  } catch (err) {
    warnings.push(`pyproject.toml is not valid TOML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return { settings: {}, warnings };
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool?.['activation-lens'];
  if (table === undefined) return { settings: {}, warnings };
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    warnings.push('[tool.activation-lens] must be a table; ignored');
    return { settings: {}, warnings };
  }
  const settings: Partial<AnalysisSettings> = {};
  for (const [key, value] of Object.entries(table)) {
    switch (key) {
      case 'select':
      case 'ignore': {
        const codes = codeList(value, key, warnings);
        if (codes) settings[key] = codes;
        break;
      }
      case 'act001-threshold':
        if (typeof value === 'number' && value > 0 && value < 1) settings.act001Threshold = value;
        else warnings.push(`[tool.activation-lens] act001-threshold must be a number between 0 and 1 (exclusive); ignored`);
        break;
      case 'severity': {
        const severity = severityTable(value, warnings);
        if (severity) settings.severity = severity;
        break;
      }
      default:
        warnings.push(`[tool.activation-lens] unknown key '${key}'`);
    }
  }
  return { settings, warnings };
}
