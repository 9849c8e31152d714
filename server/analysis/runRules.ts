// Runs the enabled rules over a parsed document: severity from settings, inline suppressions
// applied, duplicates dropped (a model's layers can belong to several stacks: the model and the
// function that calls it), findings sorted by position. A rule that throws is reported, not propagated.
// Fixes are Python edits: they are dropped for documents of other syntaxes (TF.js, config files).

import type { DocumentModel } from '../model/layerStack';
import type { AnalysisSettings, Finding } from '../rules/types';
import { RULES } from '../rules/index';
import { ruleEnabled } from '../rules/selection';
import { SourceText } from '../rules/sourceText';
import { commentPrefix, isSuppressed, scanSuppressions } from './suppressions';

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || a.code.localeCompare(b.code)
    || a.message.localeCompare(b.message);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.stack ?? err.message : String(err);
}

export function runRules(model: DocumentModel, text: string, settings: AnalysisSettings): { findings: Finding[]; errors: string[] } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  const suppressions = scanSuppressions(text, commentPrefix(model.syntax));
  if (suppressions.file) return { findings, errors };
  const source = new SourceText(text);
  for (const rule of RULES) {
    if (!ruleEnabled(rule.code, settings)) continue;
    const severity = settings.severity[rule.code] ?? rule.meta.severity;
    if (severity === 'off') continue;
    try {
      rule.check({
        model,
        text,
        source,
        settings,
        report: (f) => {
          const { start, end } = f.range;
          const key = `${rule.code} ${start.line}:${start.character}-${end.line}:${end.character} ${f.message}`;
          if (seen.has(key) || isSuppressed(suppressions, rule.code, start.line)) return;
          seen.add(key);
          const { fix: _pythonEdits, suggestion: _pythonSuggestion, ...withoutFix } = f;
          findings.push({ ...(model.syntax ? withoutFix : f), code: rule.code, rule: rule.name, severity });
        },
      });
    } catch (err) {
      errors.push(`rule ${rule.code} failed: ${describe(err)}`);
    }
  }
  findings.sort(compareFindings);
  return { findings, errors };
}
