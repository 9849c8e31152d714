// ruff-style text: `path:line:col: CODE message` (`path:cell N:line:col: …` in notebooks), then a summary line.

import { findingCount, type CheckReport } from '../report';

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const { file, findings } of report.results) {
    for (const f of findings) {
      const cell = f.notebook ? `cell ${f.notebook.cell}:` : '';
      lines.push(`${file}:${cell}${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.code} ${f.message}`);
    }
  }
  const n = findingCount(report);
  lines.push(n === 0 ? 'All checks passed!' : `Found ${n} finding${n === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
