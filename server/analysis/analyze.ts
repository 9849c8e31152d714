// The analysis driver: text + path → DocumentModel → enabled rules → suppressed, severity-filled,
// position-sorted findings. The LSP and the CLI both call `analyze`; it never throws.

import type { DocumentModel } from '../model/layerStack';
import type { AnalysisSettings, Finding } from '../rules/types';
import { RULES } from '../rules/index';
import { ruleEnabled } from '../rules/selection';
import { SourceText } from '../rules/sourceText';
import { parserFor } from './languages';
import { skipReason } from './limits';
import { isSuppressed, scanSuppressions } from './suppressions';
import { DEFAULT_SETTINGS, mergeSettings } from './settings';

export { DEFAULT_SETTINGS };

export interface AnalyzeInput { text: string; path: string; languageId?: string }
export interface AnalysisResult {
  model: DocumentModel;
  findings: Finding[];
  /** Internal failures (a parser or rule that threw); the rest of the analysis still ran. */
  errors?: string[];
}

function emptyModel(skipped?: string): DocumentModel {
  return { stacks: [], activations: [], losses: [], ...(skipped ? { skipped } : {}) };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.stack ?? err.message : String(err);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || a.code.localeCompare(b.code)
    || a.message.localeCompare(b.message);
}

export function analyze(input: AnalyzeInput, settings?: Partial<AnalysisSettings>): AnalysisResult {
  const errors: string[] = [];
  const skipped = skipReason(Buffer.byteLength(input.text, 'utf8'), input.text);
  if (skipped) return { model: emptyModel(skipped), findings: [] };
  const parse = parserFor(input.path, input.languageId);
  if (!parse) return { model: emptyModel(), findings: [] };

  let model: DocumentModel;
  try {
    model = parse(input.text);
  } catch (err) {
    return { model: emptyModel(), findings: [], errors: [`parsing ${input.path} failed: ${describe(err)}`] };
  }
  const suppressions = scanSuppressions(input.text);
  if (suppressions.file) return { model, findings: [] };

  const resolved = mergeSettings(settings);
  const source = new SourceText(input.text);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (!ruleEnabled(rule.code, resolved)) continue;
    const severity = resolved.severity[rule.code] ?? rule.meta.severity;
    if (severity === 'off') continue;
    try {
      rule.check({
        model,
        text: input.text,
        source,
        settings: resolved,
        report: (f) => {
          if (!isSuppressed(suppressions, rule.code, f.range.start.line)) findings.push({ ...f, code: rule.code, rule: rule.name, severity });
        },
      });
    } catch (err) {
      errors.push(`rule ${rule.code} failed on ${input.path}: ${describe(err)}`);
    }
  }
  findings.sort(compareFindings);
  return errors.length ? { model, findings, errors } : { model, findings };
}
