// `check` on a Jupyter notebook: read the file, analyse its Python cells as one program, and
// report each finding in its cell (1-based over all cells, as Jupyter and VS Code number them)
// with cell-relative positions, and placed in the file itself for SARIF.

import * as fs from 'node:fs';
import { analyzeNotebook, type CellFinding } from '../notebook/analyzeNotebook';
import { NotebookFilePositions } from '../notebook/filePositions';
import { NotebookError, readNotebook, type FileCell } from '../notebook/nbformat';
import type { AnalysisSettings, Finding } from '../rules/types';
import type { FileCheck, ReportedFinding } from './report';

export const NOTEBOOK_EXTENSION = '.ipynb';

/** Larger notebook files are skipped; outputs make notebooks large, so this is well above the source limit. */
const MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024;

export function isNotebookPath(file: string): boolean {
  return file.toLowerCase().endsWith(NOTEBOOK_EXTENSION);
}

function isPython(language: string | undefined): boolean {
  return language === undefined || language.toLowerCase() === 'python';
}

function placedInFile(f: CellFinding, cells: readonly FileCell[], positions: NotebookFilePositions): Finding {
  const { cell, range, related, fix, suggestion: _suggestion, ...rest } = f;
  return {
    ...rest,
    range: positions.range(cells[cell], range),
    ...(related ? { related: related.map((r) => ({ message: r.message, range: positions.range(cells[r.cell], r.range) })) } : {}),
    ...(fix ? { fix: { title: fix.title, edits: fix.edits.map((e) => positions.edit(cells[e.cell], e)) } } : {}),
  };
}

/** The notebook's findings; `error` when the file is not nbformat 4 JSON. */
export function checkNotebook(file: string, settings: Partial<AnalysisSettings>): FileCheck {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_NOTEBOOK_BYTES) return { skipped: `notebook too large (${(size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB)` };
    text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch (err) {
    if (err instanceof TypeError) return { skipped: 'not UTF-8 text' };
    return { skipped: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  let notebook;
  try {
    notebook = readNotebook(text);
  } catch (err) {
    if (err instanceof NotebookError) return { error: err.message };
    throw err;
  }
  if (!isPython(notebook.language)) return { skipped: `the notebook's kernel runs ${notebook.language}, not Python` };
  const { cells } = notebook;
  const sources = cells.map((c) => (c.kind === 'code' && isPython(c.language) ? c.source : undefined));
  const analysis = analyzeNotebook(sources, file, settings);
  if (analysis.model.skipped) return { skipped: analysis.model.skipped };
  const positions = new NotebookFilePositions(text);
  const findings = analysis.cellFindings.map((f): ReportedFinding => {
    const { cell, range, related: _related, fix: _fix, ...rest } = f;
    return { ...rest, range, notebook: { cell: cell + 1, inFile: placedInFile(f, cells, positions) } };
  });
  return analysis.errors ? { findings, errors: analysis.errors } : { findings };
}
