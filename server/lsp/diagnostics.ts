// Findings → LSP diagnostics. The fix and the suggestion travel in `data` with the document version
// they were computed for, so a code action can use them without re-analysing as long as the
// document has not changed.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from '../../shared/protocol';
import { ruleDocsUrl } from '../rules/docs';
import type { OmittedPart } from '../model/layerStack';
import type { Finding, Fix, Severity } from '../rules/types';

export interface DiagnosticData {
  /** Document version the finding was computed for; null for closed files read from disk. */
  version: number | null;
  fix?: Fix;
  suggestion?: Fix;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, uri: string, version: number | null): Diagnostic {
  const data: DiagnosticData = { version, ...(finding.fix ? { fix: finding.fix } : {}), ...(finding.suggestion ? { suggestion: finding.suggestion } : {}) };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.code,
    codeDescription: { href: ruleDocsUrl(finding.code) },
    message: finding.message,
    data,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** The one diagnostic of a document that was not analysed, on its first line. */
export function skippedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `Activation Lens skipped this file: ${reason}`,
  };
}

/** A part of an analysed document that was left out (a statement over the size limit), where it starts. */
export function omittedDiagnostic(part: OmittedPart): Diagnostic {
  return { range: part.range, severity: DiagnosticSeverity.Information, source: SOURCE, message: `Activation Lens skipped ${part.reason}` };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && 'version' in value;
}
