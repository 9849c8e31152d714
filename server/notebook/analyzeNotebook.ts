// The notebook driver: Python cells → one program → the Python analysis → findings placed in
// their cells. The CLI and the language server both call it; it never throws.

import { analyze, type AnalysisResult } from '../analysis/analyze';
import type { Range } from '../model/layerStack';
import type { UnitCache } from '../parse/python/units';
import type { AnalysisSettings, Finding } from '../rules/types';
import { NotebookProgram } from './program';

/** A range in a cell; `cell` indexes the cells the notebook was analysed from. */
export interface CellRange { cell: number; range: Range }

/** A finding with every place in it (range, related places, fix edits) in its cell. */
export interface CellFinding extends Omit<Finding, 'range' | 'related' | 'fix'> {
  cell: number;
  range: Range;
  related?: (CellRange & { message: string })[];
  /** Dropped when an edit would cross a cell boundary. */
  fix?: { title: string; edits: (CellRange & { newText: string })[] };
}

export interface NotebookAnalysis extends AnalysisResult {
  program: NotebookProgram;
  findings: Finding[];
  /** `findings` placed in their cells, in the same order. */
  cellFindings: CellFinding[];
}

function inCells(program: NotebookProgram, f: Finding): CellFinding {
  const { range, related, fix, ...rest } = f;
  const edits = fix?.edits.map((e) => {
    const place = program.toCellRangeExact(e.range);
    return place && { ...place, newText: e.newText };
  });
  return {
    ...rest,
    ...program.toCellRange(range),
    ...(related ? { related: related.map((r) => ({ ...program.toCellRange(r.range), message: r.message })) } : {}),
    ...(fix && edits?.every((e): e is NonNullable<typeof e> => e !== undefined) ? { fix: { title: fix.title, edits } } : {}),
  };
}

/**
 * Analyses a notebook's cells as one program. `cells`: each cell's text, or undefined for a cell
 * that is not Python code (markdown, another language); `path` names the notebook in errors;
 * `cache`: the notebook's parse cache, so that an edit re-parses only the statements it touches.
 */
export function analyzeNotebook(cells: readonly (string | undefined)[], path: string, settings?: Partial<AnalysisSettings>, cache?: UnitCache): NotebookAnalysis {
  const program = new NotebookProgram(cells);
  const result = analyze({ text: program.text, path, languageId: 'python', cache }, settings);
  return { ...result, program, cellFindings: result.findings.map((f) => inCells(program, f)) };
}
