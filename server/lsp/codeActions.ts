// Code actions: each finding's fix and suggestion, "Disable ACTnnn for this line", and the fix-all
// source action. A suggestion changes the model (another activation), so it is never preferred and
// never part of fix-all.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { FIX_ALL_KIND, SOURCE } from '../../shared/protocol';
import type { Finding } from '../rules/types';
import { isDiagnosticData } from './diagnostics';
import type { DocumentAnalysis } from './documentAnalysis';
import { nonOverlappingEdits } from './fixes';
import { lineSuppressor } from './suppressCommentSyntax';

/** True when a client asking for `only` kinds wants `kind` (kinds are dot-separated hierarchies). */
export function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The diagnostic's fix and suggestion: from its data while it matches the analysed version, else from the analysis. */
function editsOf(diagnostic: Diagnostic, analysis: DocumentAnalysis): Pick<Finding, 'fix' | 'suggestion'> | undefined {
  const data = diagnostic.data;
  if (isDiagnosticData(data) && data.version !== null && data.version === analysis.version) return data;
  return analysis.findings.find((f) => f.code === diagnostic.code && sameRange(f.range, diagnostic.range));
}

export function codeActions(params: CodeActionParams, analysis: DocumentAnalysis, text: string): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const actions: CodeAction[] = [];

  if (wanted(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    for (const d of ours) {
      const { fix, suggestion } = editsOf(d, analysis) ?? {};
      if (fix) {
        actions.push({ title: `${fix.title} (${d.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: edit(fix.edits) });
      }
      if (suggestion) {
        actions.push({ title: `${suggestion.title} (${d.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(suggestion.edits) });
      }
    }
    const suppressor = ours.length && analysis.model.skipped === undefined ? lineSuppressor(analysis.model.syntax, text) : undefined;
    const seen = new Set<string>();
    for (const d of ours) {
      const code = d.code as string;
      const line = d.range.start.line;
      if (!suppressor || seen.has(`${code}:${line}`)) continue;
      seen.add(`${code}:${line}`);
      const suppress = suppressor(line, code);
      if (suppress) actions.push({ title: `Disable ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([suppress]) });
    }
  }

  // Fix-all is offered when asked for (Source Action menu, codeActionsOnSave), not on every lightbulb.
  if (only && wanted(only, FIX_ALL_KIND)) {
    const edits = nonOverlappingEdits(analysis.findings.flatMap((f) => (f.fix ? [f.fix] : [])));
    if (edits.length) actions.push({ title: 'Fix all auto-fixable Activation Lens findings', kind: FIX_ALL_KIND, edit: edit(edits) });
  }
  return actions;
}
