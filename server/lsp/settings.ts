// Per-document settings: the editor's `activationLens.*` (pulled with workspace/configuration for
// the document's scope and cached per URI) over the nearest pyproject.toml's [tool.activation-lens].

import { DEFAULT_EDITOR_SETTINGS, type EditorSettings } from '../../shared/protocol';
import type { Limits } from '../analysis/limits';
import { getRule } from '../rules/index';
import type { AnalysisSettings, SeveritySetting } from '../rules/types';
import type { Pyproject } from './pyproject';

export interface DocumentSettings {
  enable: boolean;
  analysis: Partial<AnalysisSettings>;
  exclude: string[];
  /** Folder names the workspace scan never enters. */
  skipFolders: string[];
  limits: Limits;
  plotLink: boolean;
  codeLens: boolean;
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A limit: a whole number ≥ 0, else undefined (and a warning when one was given). */
function limit(r: Record<string, unknown>, key: 'maxFileSize' | 'maxLineLength' | 'maxLayers', warn: (message: string) => void): number | undefined {
  const value = r[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (value !== undefined && value !== null) warn(`activationLens.${key}: ${String(value)} is not a whole number ≥ 0; the default applies`);
  return undefined;
}

/** The editor settings with every malformed or unknown entry dropped (and reported via `warn`). */
export function sanitizeEditorSettings(raw: unknown, warn: (message: string) => void): EditorSettings {
  const d = DEFAULT_EDITOR_SETTINGS;
  const r = isRecord(raw) ? raw : {};
  const severity: Record<string, SeveritySetting> = {};
  if (isRecord(r.severity)) {
    for (const [code, value] of Object.entries(r.severity)) {
      if (!getRule(code)) warn(`activationLens.severity: unknown rule code '${code}' ignored`);
      else if (!SEVERITIES.includes(value as SeveritySetting)) warn(`activationLens.severity.${code}: '${String(value)}' is not one of ${SEVERITIES.join(', ')}`);
      else severity[code.toUpperCase()] = value as SeveritySetting;
    }
  }
  const threshold = r.act001Threshold;
  const thresholdValid = typeof threshold === 'number' && threshold > 0 && threshold < 1;
  if (threshold !== null && threshold !== undefined && !thresholdValid) warn(`activationLens.act001Threshold: ${String(threshold)} is not a number between 0 and 1 (exclusive); ignored`);
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
    severity,
    act001Threshold: thresholdValid ? threshold : null,
    exclude: Array.isArray(r.exclude) ? r.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : d.exclude,
    maxFileSize: limit(r, 'maxFileSize', warn) ?? d.maxFileSize,
    maxLineLength: limit(r, 'maxLineLength', warn) ?? d.maxLineLength,
    maxLayers: limit(r, 'maxLayers', warn) ?? d.maxLayers,
    skipFolders: Array.isArray(r.skipFolders) ? r.skipFolders.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : d.skipFolders,
    hover: { plotLink: isRecord(r.hover) && typeof r.hover.plotLink === 'boolean' ? r.hover.plotLink : d.hover.plotLink },
    codeLens: { enable: isRecord(r.codeLens) && typeof r.codeLens.enable === 'boolean' ? r.codeLens.enable : d.codeLens.enable },
  };
}

/** Editor settings win over pyproject.toml, rule by rule. */
export function mergeSettings(editor: EditorSettings, pyproject: Pyproject | undefined): DocumentSettings {
  const fromFile = pyproject?.settings ?? {};
  const analysis: Partial<AnalysisSettings> = {
    ...fromFile,
    severity: { ...(fromFile.severity ?? {}), ...editor.severity },
  };
  const threshold = editor.act001Threshold ?? fromFile.act001Threshold;
  if (threshold !== undefined) analysis.act001Threshold = threshold;
  return {
    enable: editor.enable,
    analysis,
    exclude: editor.exclude,
    skipFolders: editor.skipFolders,
    limits: { maxFileSize: editor.maxFileSize, maxLineLength: editor.maxLineLength, maxLayers: editor.maxLayers },
    plotLink: editor.hover.plotLink,
    codeLens: editor.codeLens.enable,
  };
}

export interface SettingsSource {
  /** The raw `activationLens` section for a scope (workspace/configuration with that scopeUri). */
  editorSection(scopeUri: string): Promise<unknown>;
  pyproject(uri: string): Promise<Pyproject | undefined>;
  warn(message: string): void;
}

/**
 * Settings per document: the editor section is cached per scope URI (a document's own, or its
 * workspace folder's during a scan), pyproject.toml per directory by the source.
 */
export class SettingsCache {
  private readonly editorByScope = new Map<string, Promise<EditorSettings>>();
  private readonly warned = new Set<string>();

  constructor(private readonly source: SettingsSource) {}

  async get(uri: string, scopeUri: string = uri): Promise<DocumentSettings> {
    const [editor, pyproject] = await Promise.all([this.editor(scopeUri), this.source.pyproject(uri)]);
    return mergeSettings(editor, pyproject);
  }

  clear(): void {
    this.editorByScope.clear();
    this.warned.clear();
  }

  private editor(scopeUri: string): Promise<EditorSettings> {
    let cached = this.editorByScope.get(scopeUri);
    if (!cached) {
      cached = this.source.editorSection(scopeUri).then((raw) =>
        // Every scope asks; each distinct problem is logged once per configuration.
        sanitizeEditorSettings(raw, (m) => {
          if (this.warned.has(m)) return;
          this.warned.add(m);
          this.source.warn(m);
        }),
      );
      this.editorByScope.set(scopeUri, cached);
    }
    return cached;
  }
}
