// One analysis of one document's text under its settings, and the diagnostics it publishes.

import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../analysis/analyze';
import type { DocumentModel } from '../model/layerStack';
import { UnitCache } from '../parse/python/units';
import type { Finding } from '../rules/types';
import { omittedDiagnostic, skippedDiagnostic, toDiagnostic } from './diagnostics';
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

/**
 * Parse caches of the open documents analysed last, least recent first. Each holds one version's
 * syntax tree, about twenty times its text in memory: the texts they cover are bounded.
 */
const parseCaches = new Map<string, { cache: UnitCache; chars: number }>();
const CACHED_CHARS = 2_000_000;

/** The parse cache of an open document of `chars` characters, made the most recent; none for documents over the bound. */
export function parseCacheOf(uri: string, chars: number): UnitCache | undefined {
  const entry = parseCaches.get(uri);
  parseCaches.delete(uri);
  if (chars > CACHED_CHARS) return undefined;
  const cache = entry?.cache ?? new UnitCache();
  parseCaches.set(uri, { cache, chars });
  let total = 0;
  for (const e of parseCaches.values()) total += e.chars;
  for (const [key, e] of parseCaches) {
    if (total <= CACHED_CHARS) break;
    parseCaches.delete(key);
    total -= e.chars;
  }
  return cache;
}

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
  if (size > settings.limits.maxFileSize) {
    const skipped = `the file is ${size} bytes, over activationLens.maxFileSize (${settings.limits.maxFileSize})`;
    return { ...base, model: { ...EMPTY_MODEL, skipped }, findings: [] };
  }
  // Edits of an open document re-parse only the statements they touch; files read from disk are parsed whole.
  const cache = input.version === null ? undefined : parseCacheOf(input.uri, input.text.length);
  const { model, findings, errors } = analyze({ text: input.text, path: input.path, languageId: input.languageId, cache }, settings.analysis, settings.limits);
  return { ...base, model, findings, ...(errors ? { errors } : {}) };
}

export function diagnosticsOf(analysis: DocumentAnalysis): Diagnostic[] {
  if (analysis.model.skipped) return [skippedDiagnostic(analysis.model.skipped)];
  const findings = analysis.findings.map((f) => toDiagnostic(f, analysis.uri, analysis.version));
  return analysis.model.omitted ? [...analysis.model.omitted.map(omittedDiagnostic), ...findings] : findings;
}
