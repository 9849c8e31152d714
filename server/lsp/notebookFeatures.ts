// Hovers, code actions, code lenses and layer stacks on a notebook cell. Positions go through the
// notebook's program (cell → program → cell); a fix edits whichever cells it touches (ACT010
// removes the sigmoid in the model's cell and renames the loss in another).

import { CodeActionKind, type CodeAction, type CodeActionParams, type CodeLens, type Hover, type Position, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { FIX_ALL_KIND, SOURCE, type StackInfo } from '../../shared/protocol';
import type { Range } from '../model/layerStack';
import type { CellRange } from '../notebook/analyzeNotebook';
import type { NotebookProgram } from '../notebook/program';
import type { Fix } from '../rules/types';
import { wanted } from './codeActions';
import { codeLenses } from './codeLens';
import { nonOverlappingEdits } from './fixes';
import { hoverAt } from './hover';
import type { NotebookState } from './notebooks';
import { stackInfos } from './stacks';
import { parsePython, suppressEdit } from './suppressComment';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function workspaceEdit(state: NotebookState, edits: readonly (CellRange & { newText: string })[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const { cell, range, newText } of edits) (changes[state.cells[cell].uri] ??= []).push({ range, newText });
  return { changes };
}

export function cellHover(state: NotebookState, cell: number, position: Position): Hover | null {
  const { program, model, findings } = state.analysis;
  const at = program.toProgram(cell, position);
  const hover = at && hoverAt({ uri: state.uri, version: null, settings: state.settings, model, findings }, at);
  if (!hover?.range) return hover ?? null;
  const placed = program.toCellRange(hover.range);
  return placed.cell === cell ? { ...hover, range: placed.range } : { contents: hover.contents };
}

/**
 * The stacks that start in `cell`, every range placed in its own cell: a stack's loss may sit in
 * a later cell, and its range is then relative to that cell.
 */
export function cellStacks(state: NotebookState, cell: number): StackInfo[] {
  const { program, model } = state.analysis;
  const inCell = (r: Range) => program.toCellRange(r).range;
  return stackInfos(model)
    .filter((stack) => program.toCell(stack.range.start).cell === cell)
    .map((stack) => ({
      ...stack,
      range: inCell(stack.range),
      layers: stack.layers.map((layer) => ({
        ...layer,
        range: inCell(layer.range),
        ...(layer.activation ? { activation: { ...layer.activation, range: inCell(layer.activation.range) } } : {}),
        ...(layer.activationArgRange ? { activationArgRange: inCell(layer.activationArgRange) } : {}),
      })),
      ...(stack.loss ? { loss: { ...stack.loss, range: inCell(stack.loss.range) } } : {}),
    }));
}

export function cellCodeLenses(state: NotebookState, cell: number): CodeLens[] {
  return state.settings.codeLens ? codeLenses(state.cells[cell].uri, cellStacks(state, cell)) : [];
}

/** Program-coordinate fix edits → cell edits; every edit of a fix that has cell findings maps. */
function cellEdits(program: NotebookProgram, edits: readonly TextEdit[]): (CellRange & { newText: string })[] {
  return edits.flatMap((e) => {
    const placed = program.toCellRangeExact(e.range);
    return placed ? [{ ...placed, newText: e.newText }] : [];
  });
}

export function cellCodeActions(state: NotebookState, cell: number, params: CodeActionParams): CodeAction[] {
  const { program, findings, cellFindings } = state.analysis;
  const { uri, text } = state.cells[cell];
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wanted(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    for (const d of ours) {
      const { fix, suggestion } = cellFindings.find((f) => f.cell === cell && f.code === d.code && sameRange(f.range, d.range)) ?? {};
      if (fix) actions.push({ title: `${fix.title} (${d.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: workspaceEdit(state, fix.edits) });
      if (suggestion) actions.push({ title: `${suggestion.title} (${d.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(state, suggestion.edits) });
    }
    const tree = ours.length && text !== undefined ? parsePython(text) : undefined;
    const seen = new Set<string>();
    for (const d of ours) {
      const code = d.code as string;
      const line = d.range.start.line;
      if (!tree || text === undefined || seen.has(`${code}:${line}`)) continue;
      seen.add(`${code}:${line}`);
      const suppress = suppressEdit(text, line, code, tree);
      if (suppress) actions.push({ title: `Disable ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [suppress] } } });
    }
  }

  // Fix-all in a cell applies the fixes of the findings in that cell.
  if (only && wanted(only, FIX_ALL_KIND)) {
    const fixes = findings.flatMap((f, i): Fix[] => (cellFindings[i].cell === cell && cellFindings[i].fix && f.fix ? [f.fix] : []));
    const edits = cellEdits(program, nonOverlappingEdits(fixes));
    if (edits.length) actions.push({ title: 'Fix all auto-fixable Activation Lens findings', kind: FIX_ALL_KIND, edit: workspaceEdit(state, edits) });
  }
  return actions;
}
