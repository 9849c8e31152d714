// The notebook driver: Python cells → one program → the Python analysis → findings placed in
// their cells. The CLI and the language server both call it; it never throws.

import { analyze, type AnalysisResult } from '../analysis/analyze';
import type { Limits } from '../analysis/limits';
import type { Range } from '../model/layerStack';
import type { UnitCache } from '../parse/python/units';
import type { AnalysisSettings, Finding, Fix } from '../rules/types';
import { NotebookProgram } from './program';

/** A range in a cell; `cell` indexes the cells the notebook was analysed from. */
export interface CellRange { cell: number; range: Range }

/** A fix whose edits are placed in cells. */
export interface CellFix { title: string; edits: (CellRange & { newText: string })[] }

/** A finding with every place in it (range, related places, fix and suggestion edits) in its cell. */
export interface CellFinding extends Omit<Finding, 'range' | 'related' | 'fix' | 'suggestion'> {
  cell: number;
  range: Range;
  related?: (CellRange & { message: string })[];
  /** Dropped when an edit would cross a cell boundary; so is the suggestion. */
  fix?: CellFix;
  suggestion?: CellFix;
}

export interface NotebookAnalysis extends AnalysisResult {
  program: NotebookProgram;
  findings: Finding[];
  /** `findings` placed in their cells, in the same order. */
  cellFindings: CellFinding[];
}

/** `fix` with its edits placed in cells; undefined when one would cross a cell boundary. */
function fixInCells(program: NotebookProgram, fix: Fix): CellFix | undefined {
  const edits = fix.edits.map((e) => {
    const place = program.toCellRangeExact(e.range);
    return place && { ...place, newText: e.newText };
  });
  return edits.every((e): e is NonNullable<typeof e> => e !== undefined) ? { title: fix.title, edits } : undefined;
}

function inCells(program: NotebookProgram, f: Finding): CellFinding {
  const { range, related, fix, suggestion, ...rest } = f;
  const cellFix = fix && fixInCells(program, fix);
  const cellSuggestion = suggestion && fixInCells(program, suggestion);
  return {
    ...rest,
    ...program.toCellRange(range),
    ...(related ? { related: related.map((r) => ({ ...program.toCellRange(r.range), message: r.message })) } : {}),
    ...(cellFix ? { fix: cellFix } : {}),
    ...(cellSuggestion ? { suggestion: cellSuggestion } : {}),
  };
}

/**
 * Analyses a notebook's cells as one program. `cells`: each cell's text, or undefined for a cell
 * that is not Python code (markdown, another language); `path` names the notebook in errors;
 * `cache`: the notebook's parse cache, so that an edit re-parses only the statements it touches.
 */
export function analyzeNotebook(
  cells: readonly (string | undefined)[], path: string, settings?: Partial<AnalysisSettings>, cache?: UnitCache, limits?: Limits,
): NotebookAnalysis {
  const program = new NotebookProgram(cells);
  const result = analyze({ text: program.text, path, languageId: 'python', cache }, settings, limits);
  return { ...result, program, cellFindings: result.findings.map((f) => inCells(program, f)) };
}
