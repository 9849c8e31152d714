// Which parser reads a document: one row per language. The config parsers decide from content
// whether a JSON, YAML, .cfg or .prototxt file is a model config (others analyse to an empty model
// at the cost of a scan), and the TF.js parser skips sources that never mention TF.js.

import type { DocumentModel } from '../model/layerStack';
import { parseCaffeConfig, parseDarknetConfig, parseJsonConfig, parseYamlConfig } from '../parse/config/index';
import { parsePython } from '../parse/python/index';
import type { UnitCache } from '../parse/python/units';
import { parseTfjs } from '../parse/tfjs/index';

export interface ParseOptions {
  /** The document's, for parsers that re-parse only what an edit changed. */
  cache?: UnitCache;
  /** Model configs with more layers are refused (limits.ts). */
  maxLayers: number;
}

interface Language {
  languageIds: readonly string[];
  extensions: readonly string[];
  parse(text: string, options: ParseOptions): DocumentModel;
  /** Source code, written by people: a line past the maxLineLength limit skips the file (limits.ts). */
  source?: true;
}

const LANGUAGES: readonly Language[] = [
  { languageIds: ['python'], extensions: ['.py', '.pyi'], parse: (text, o) => parsePython(text, o.cache), source: true },
  { languageIds: ['typescript'], extensions: ['.ts', '.mts', '.cts'], parse: (text) => parseTfjs(text, 'ts'), source: true },
  { languageIds: ['typescriptreact'], extensions: ['.tsx'], parse: (text) => parseTfjs(text, 'ts jsx'), source: true },
  { languageIds: ['javascript', 'javascriptreact'], extensions: ['.js', '.mjs', '.cjs', '.jsx'], parse: (text) => parseTfjs(text, 'jsx'), source: true },
  { languageIds: ['json', 'jsonc'], extensions: ['.json'], parse: (text, o) => parseJsonConfig(text, o.maxLayers) },
  { languageIds: ['yaml'], extensions: ['.yaml', '.yml'], parse: (text, o) => parseYamlConfig(text, o.maxLayers) },
  // Editors give these no language of their own (.cfg is `properties` in VS Code): the extension decides.
  { languageIds: [], extensions: ['.cfg'], parse: (text, o) => parseDarknetConfig(text, o.maxLayers) },
  { languageIds: [], extensions: ['.prototxt'], parse: (text, o) => parseCaffeConfig(text, o.maxLayers) },
];

/** File extensions some parser reads, for walking folders. */
export const ANALYSED_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((l) => l.extensions);

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The language of a document: by its editor language id when some row claims it, else by its file extension. */
export function languageOf(path: string, languageId?: string): Language | undefined {
  const ext = extensionOf(path);
  const byId = languageId ? LANGUAGES.find((l) => l.languageIds.includes(languageId)) : undefined;
  return byId ?? LANGUAGES.find((l) => l.extensions.includes(ext));
}
