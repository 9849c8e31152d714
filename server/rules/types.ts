// The contract between rules, the analysis driver and the adapters (LSP, CLI).

import type { DocumentModel, Range } from '../model/layerStack';
import type { SourceText } from './sourceText';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A text edit in a fix; applying all edits of a fix keeps the file valid. */
export interface TextEdit { range: Range; newText: string }
export interface Fix { title: string; edits: TextEdit[] }

export interface Finding {
  code: string;          // ACT010
  rule: string;          // sigmoid-before-bce
  severity: Severity;
  message: string;
  range: Range;
  /** Places that explain the finding: the loss for ACT010, the first layer for ACT001. */
  related?: { message: string; range: Range }[];
  /** True when the flagged code does nothing (rendered faded in the editor). */
  unnecessary?: boolean;
  fix?: Fix;
  /** An edit that changes what the model computes (another activation): offered, never applied by fix-all. */
  suggestion?: Fix;
}

export interface AnalysisSettings {
  /** Severity per rule code; a missing code uses the rule's default. */
  severity: Record<string, SeveritySetting>;
  /** ACT001 fires when the typical gradient at the first saturating layer falls below this ratio. */
  act001Threshold: number;
  /** Codes or code prefixes to enable, as ruff's `select` (`["ACT0"]`); absent: every rule. */
  select?: readonly string[];
  /** Codes or code prefixes to disable; when both lists match a code, the longer entry wins. */
  ignore?: readonly string[];
}

export interface RuleContext {
  model: DocumentModel;
  text: string;
  /** `text` with offset/position conversion, for building fixes. */
  source: SourceText;
  settings: AnalysisSettings;
  /** Report a finding; `severity` is filled from settings by the driver. */
  report(finding: Omit<Finding, 'code' | 'rule' | 'severity'>): void;
}

/** One rule: metadata first (ESLint style), then `check`. */
export interface Rule {
  code: string;
  name: string;
  meta: {
    /** One-paragraph summary for docs pages and hovers. */
    docs: string;
    severity: Severity;
    fixable: boolean;
  };
  messages: Record<string, (...args: never[]) => string>;
  check(ctx: RuleContext): void;
}
