// Which parser reads a document: one row per language. TF.js and config files join this table
// when their parsers exist; until then those documents analyse to an empty model.

import type { DocumentModel } from '../model/layerStack';
import { parsePython } from '../parse/python/index';
import type { UnitCache } from '../parse/python/units';

interface Language {
  languageIds: readonly string[];
  extensions: readonly string[];
  /** `cache` is the document's, for parsers that re-parse only what an edit changed. */
  parse(text: string, cache?: UnitCache): DocumentModel;
}

const LANGUAGES: readonly Language[] = [
  { languageIds: ['python'], extensions: ['.py', '.pyi'], parse: parsePython },
];

/** File extensions some parser reads, for walking folders. */
export const ANALYSED_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((l) => l.extensions);

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The parser for a document: by its editor language id when given, else by its file extension. */
export function parserFor(path: string, languageId?: string): Language['parse'] | undefined {
  const ext = extensionOf(path);
  const lang = languageId
    ? LANGUAGES.find((l) => l.languageIds.includes(languageId))
    : LANGUAGES.find((l) => l.extensions.includes(ext));
  return lang?.parse;
}
