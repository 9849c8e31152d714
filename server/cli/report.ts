// What a `check` run found, independent of how it is printed.

import type { Finding } from '../rules/types';

export interface FileFindings {
  /** Path as shown: relative to the working directory, `/`-separated. */
  file: string;
  findings: Finding[];
}

export interface CheckReport {
  /** Number of files analysed. */
  files: number;
  /** Files with findings, in the order they were checked. */
  results: FileFindings[];
  /** Files not analysed, with the reason. */
  skipped: { file: string; reason: string }[];
}

export function findingCount(report: CheckReport): number {
  return report.results.reduce((n, r) => n + r.findings.length, 0);
}
