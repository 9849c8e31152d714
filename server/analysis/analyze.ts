// The analysis driver: text + path → DocumentModel → enabled rules → suppressed, severity-filled,
// position-sorted findings. The LSP and the CLI both call `analyze`; it never throws.

import type { DocumentModel } from '../model/layerStack';
import type { UnitCache } from '../parse/python/units';
import type { AnalysisSettings, Finding } from '../rules/types';
import { languageOf } from './languages';
import { DEFAULT_LIMITS, longLineReason, skipReason, type Limits } from './limits';
import { runRules } from './runRules';
import { DEFAULT_SETTINGS, mergeSettings } from './settings';

export { DEFAULT_SETTINGS };

export interface AnalyzeInput {
  text: string;
  path: string;
  languageId?: string;
  /** The document's parse cache: a parser keeps its last version's pieces there and re-parses only what changed. */
  cache?: UnitCache;
}
export interface AnalysisResult {
  model: DocumentModel;
  findings: Finding[];
  /** Internal failures (a parser or rule that threw); whatever else could run, ran. */
  errors?: string[];
}

function emptyModel(skipped?: string): DocumentModel {
  return { stacks: [], activations: [], losses: [], ...(skipped ? { skipped } : {}) };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.stack ?? err.message : String(err);
}

export function analyze(input: AnalyzeInput, settings?: Partial<AnalysisSettings>, limits: Limits = DEFAULT_LIMITS): AnalysisResult {
  try {
    const language = languageOf(input.path, input.languageId);
    const skipped =
      skipReason(Buffer.byteLength(input.text, 'utf8'), input.text, limits.maxFileSize) ??
      (language?.source ? longLineReason(input.text, limits.maxLineLength) : undefined);
    if (skipped) return { model: emptyModel(skipped), findings: [] };
    if (!language) return { model: emptyModel(), findings: [] };
    const model = language.parse(input.text, { cache: input.cache, maxLayers: limits.maxLayers });
    const { findings, errors } = runRules(model, input.text, mergeSettings(settings));
    return errors.length ? { model, findings, errors: errors.map((e) => `${input.path}: ${e}`) } : { model, findings };
  } catch (err) {
    return { model: emptyModel(), findings: [], errors: [`${input.path}: analysis failed: ${describe(err)}`] };
  }
}
