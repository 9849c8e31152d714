// One analysis of one document's text under its settings, and the diagnostics it publishes.

import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../analysis/analyze';
import type { DocumentModel } from '../model/layerStack';
import type { Finding } from '../rules/types';
import { skippedDiagnostic, toDiagnostic } from './diagnostics';
import type { DocumentSettings } from './settings';

export interface DocumentAnalysis {
  uri: string;
  /** Editor version of an open document; null for a file read from disk. */
  version: number | null;
  settings: DocumentSettings;
  model: DocumentModel;
  findings: Finding[];
  /** Parser or rule failures inside the driver; the rest of the analysis still ran. */
  errors?: string[];
}

const EMPTY_MODEL: DocumentModel = { stacks: [], activations: [], losses: [] };

export interface AnalysisInput {
  uri: string;
  version: number | null;
  /** File system path (or the URI for an unsaved document): the driver reads nothing from it. */
  path: string;
  /** The editor's language id; for files read from disk the driver goes by the extension. */
  languageId?: string;
  text: string;
}

export function analyzeDocument(input: AnalysisInput, settings: DocumentSettings): DocumentAnalysis {
  const base = { uri: input.uri, version: input.version, settings };
  if (!settings.enable) return { ...base, model: EMPTY_MODEL, findings: [] };
  const size = Buffer.byteLength(input.text, 'utf8');
  if (size > settings.maxFileSize) {
    const skipped = `the file is ${size} bytes, over activationLens.maxFileSize (${settings.maxFileSize})`;
    return { ...base, model: { ...EMPTY_MODEL, skipped }, findings: [] };
  }
  const { model, findings, errors } = analyze({ text: input.text, path: input.path, languageId: input.languageId }, settings.analysis);
  return { ...base, model, findings, ...(errors ? { errors } : {}) };
}

export function diagnosticsOf(analysis: DocumentAnalysis): Diagnostic[] {
  if (analysis.model.skipped) return [skippedDiagnostic(analysis.model.skipped)];
  return analysis.findings.map((f) => toDiagnostic(f, analysis.uri, analysis.version));
}
