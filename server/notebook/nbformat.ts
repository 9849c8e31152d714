// Reads a Jupyter notebook file (nbformat 4 JSON): the kernel's language and each cell's kind,
// source and the JSON strings that hold the source, so positions can be mapped back into the file.
// Outputs, attachments and the rest of the metadata are skipped unread.

import { JsonCursor, JsonError, type StringToken } from './jsonCursor';

export interface FileCell {
  /** 0-based index over all cells, markdown and raw included. */
  index: number;
  /** `code`, `markdown` or `raw`. */
  kind: string;
  source: string;
  /** The JSON strings whose concatenation is `source`, in order. */
  tokens: StringToken[];
  /** The cell's own language where the notebook records one (VS Code: `metadata.vscode.languageId`). */
  language?: string;
}

export interface NotebookFile {
  /** The kernel's language, when the metadata names it. */
  language?: string;
  cells: FileCell[];
}

/** Why a file cannot be read as a notebook; the message names the place in the file. */
export class NotebookError extends Error {}

function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The string value at the cursor, or undefined (skipped) for any other value. */
function optionalString(json: JsonCursor): string | undefined {
  if (json.kind() === 'string') return json.string().value;
  json.skip();
  return undefined;
}

/** Reads `path` (a chain of keys) inside the object at the cursor, skipping everything else. */
function stringAt(json: JsonCursor, path: readonly string[]): string | undefined {
  if (json.kind() !== 'object') {
    json.skip();
    return undefined;
  }
  let found: string | undefined;
  for (const key of json.entries()) {
    if (key !== path[0]) json.skip();
    else found = path.length === 1 ? optionalString(json) : stringAt(json, path.slice(1));
  }
  return found;
}

function readSource(json: JsonCursor, cell: number): StringToken[] {
  const kind = json.kind();
  if (kind === 'string') return [json.string()];
  if (kind !== 'array') json.fail(`cell ${cell}: "source" must be a string or a list of strings`);
  const tokens: StringToken[] = [];
  for (const _ of json.items()) {
    if (json.kind() !== 'string') json.fail(`cell ${cell}: "source" must be a string or a list of strings`);
    tokens.push(json.string());
  }
  return tokens;
}

function readCell(json: JsonCursor, index: number): FileCell {
  if (json.kind() !== 'object') json.fail(`cell ${index + 1} is not an object`);
  const cell: FileCell = { index, kind: '', source: '', tokens: [] };
  for (const key of json.entries()) {
    if (key === 'cell_type') cell.kind = optionalString(json) ?? '';
    else if (key === 'source') cell.tokens = readSource(json, index + 1);
    else if (key === 'metadata') cell.language = stringAt(json, ['vscode', 'languageId']);
    else json.skip();
  }
  cell.source = cell.tokens.map((t) => t.value).join('');
  return cell;
}

/** The kernel's language from the notebook's metadata: `kernelspec.language`, else `language_info.name`. */
function kernelLanguage(json: JsonCursor): string | undefined {
  if (json.kind() !== 'object') {
    json.skip();
    return undefined;
  }
  let kernel: string | undefined;
  let info: string | undefined;
  for (const key of json.entries()) {
    if (key === 'kernelspec') kernel = stringAt(json, ['language']);
    else if (key === 'language_info') info = stringAt(json, ['name']);
    else json.skip();
  }
  return kernel ?? info;
}

function readCells(json: JsonCursor): FileCell[] {
  if (json.kind() !== 'array') json.fail('"cells" must be a list');
  const cells: FileCell[] = [];
  for (const i of json.items()) cells.push(readCell(json, i));
  return cells;
}

/** The notebook in `text`; throws NotebookError when it is not nbformat 4 JSON. */
export function readNotebook(text: string): NotebookFile {
  const json = new JsonCursor(text);
  try {
    if (json.kind() !== 'object') throw new NotebookError('not a Jupyter notebook: the file is not a JSON object');
    let nbformat: unknown;
    let cells: FileCell[] | undefined;
    let language: string | undefined;
    for (const key of json.entries()) {
      if (key === 'nbformat') nbformat = json.value();
      else if (key === 'cells') cells = readCells(json);
      else if (key === 'metadata') language = kernelLanguage(json);
      else json.skip();
    }
    json.end();
    if (nbformat !== 4) {
      const version = nbformat === undefined ? 'no nbformat version' : `nbformat ${JSON.stringify(nbformat)}`;
      throw new NotebookError(`${version}: only nbformat 4 notebooks are read (convert with \`jupyter nbconvert --to notebook --nbformat 4\`)`);
    }
    if (!cells) throw new NotebookError('not a Jupyter notebook: no "cells" list');
    return { language, cells };
  } catch (err) {
    if (err instanceof JsonError) throw new NotebookError(`invalid notebook JSON at ${position(text, err.offset)}: ${err.message}`);
    throw err;
  }
}
