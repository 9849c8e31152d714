// Which rules run: ruff-style `select` / `ignore` prefixes (`ALL` matches every code), and a severity of `off`.

import type { AnalysisSettings } from './types';

/** Length of the longest entry of `list` that is a prefix of `code` (-1 when none is). */
function longestPrefix(code: string, list: readonly string[]): number {
  let best = -1;
  for (const entry of list) {
    const e = entry.trim().toUpperCase();
    if (e === 'ALL') best = Math.max(best, 0);
    else if (e !== '' && code.startsWith(e) && e.length > best) best = e.length;
  }
  return best;
}

export function ruleEnabled(code: string, settings: Pick<AnalysisSettings, 'select' | 'ignore' | 'severity'>): boolean {
  if (settings.severity[code] === 'off') return false;
  const selected = settings.select ? longestPrefix(code, settings.select) : 0;
  if (selected < 0) return false;
  const ignored = longestPrefix(code, settings.ignore ?? []);
  return ignored < 0 || ignored < selected;
}
