// The settings a CLI run uses for one file: `--config FILE`, or the nearest pyproject.toml with a
// `[tool.activation-lens]` table, then the command line's `--select` / `--ignore` on top.
// The pyproject lookup is the language server's, so both read configuration the same way.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisSettings } from '../rules/types';
import { settingsFromPyproject } from '../analysis/settings';
import { PyprojectLookup } from '../lsp/pyproject';
import { RULES } from '../rules/index';
import { UsageError } from './usage';

export interface SelectionFlags { select?: string[]; ignore?: string[] }

/** `ACT010,ACT02` → validated, upper-cased entries; unknown codes are a usage error, as in ruff. */
export function parseCodes(value: string | undefined, flag: string): string[] | undefined {
  if (value === undefined) return undefined;
  const codes = value.split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  for (const code of codes) {
    if (code !== 'ALL' && !RULES.some((r) => r.code.startsWith(code))) {
      throw new UsageError(`${flag}: unknown rule code '${code}' (known: ${RULES.map((r) => r.code).join(', ')})`);
    }
  }
  return codes;
}

export class SettingsLookup {
  private readonly pyprojects: PyprojectLookup;
  private readonly fixed: Partial<AnalysisSettings> | undefined;

  constructor(private readonly flags: SelectionFlags, configPath: string | undefined, private readonly warn: (message: string) => void) {
    this.pyprojects = new PyprojectLookup(warn);
    this.fixed = configPath === undefined ? undefined : this.readConfig(configPath);
  }

  private readConfig(configPath: string): Partial<AnalysisSettings> {
    let text: string;
    try {
      text = fs.readFileSync(configPath, 'utf8');
    } catch {
      throw new UsageError(`--config: cannot read ${configPath}`);
    }
    const { settings, warnings } = settingsFromPyproject(text);
    for (const w of warnings) this.warn(`${path.normalize(configPath)}: ${w}`);
    return settings;
  }

  async forFile(file: string): Promise<Partial<AnalysisSettings>> {
    const base = this.fixed ?? (await this.pyprojects.forFile(file))?.settings ?? {};
    const { select, ignore } = this.flags;
    // As in ruff: --select starts the rule set afresh, --ignore alone adds to the configured ignores.
    if (select) return { ...base, select, ignore: ignore ?? [] };
    if (ignore) return { ...base, ignore: [...(base.ignore ?? []), ...ignore] };
    return base;
  }
}
