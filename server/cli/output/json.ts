// Machine-readable findings with 1-based lines and columns (columns count UTF-16 code units, as the editor does).
// In notebooks a finding has a 1-based `cell` (counting every cell) and positions relative to it.

import { ruleDocsUrl } from '../../rules/docs';
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport, version: string): string {
  const findings = report.results.flatMap(({ file, findings }) => findings.map((f) => ({
    file,
    ...(f.notebook ? { cell: f.notebook.cell } : {}),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    code: f.code,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    url: ruleDocsUrl(f.code),
  })));
  return JSON.stringify({ version, files: report.files, findings, skipped: report.skipped }, null, 2) + '\n';
}
