// What a `check` run found, independent of how it is printed.

import type { OmittedPart } from '../model/layerStack';
import type { Finding } from '../rules/types';

/** A finding; in a notebook, its range is relative to its cell. */
export interface ReportedFinding extends Finding {
  /** Notebooks: the 1-based cell, counting every cell, and the finding placed in the notebook file itself. */
  notebook?: { cell: number; inFile: Finding };
}

export interface FileFindings {
  /** Path as shown: relative to the working directory, `/`-separated. */
  file: string;
  findings: ReportedFinding[];
}

/** One file's findings, or why it was not analysed: `skipped`, or `error` for a file that is not what its name says. */
/** `omitted`: parts of an analysed file left out (a statement over the size limit). */
export type FileCheck = { findings: ReportedFinding[]; errors?: string[]; omitted?: OmittedPart[] } | { skipped: string } | { error: string };

export interface CheckReport {
  /** Number of files analysed. */
  files: number;
  /** Files with findings, in the order they were checked. */
  results: FileFindings[];
  /** Files not analysed, with the reason; `error` when the file is not what its name says (an invalid notebook). */
  skipped: { file: string; reason: string; error?: true }[];
}

export function findingCount(report: CheckReport): number {
  return report.results.reduce((n, r) => n + r.findings.length, 0);
}
