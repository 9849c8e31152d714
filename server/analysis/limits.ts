// What the analyser refuses to read: large files (generated code, data dumps), binary ones,
// source code with lines no person writes (minified or generated code), and model configs with
// more layers than any real model.

/**
 * Real model configs have at most a few thousand layers (a large YOLO cfg has ~300 sections, an HF
 * config expands to 4 per block); a file with many more is generated, and reading it costs time
 * and memory in proportion while typing. Such a document is refused (config/uses.ts: TooManyLayers).
 * Defined here, not with the config parsers: the Python parser reads this module too, and the
 * parsers import it, so a constant there would be read before it is set (an import cycle).
 */
export const MAX_LAYERS = 5000;

export interface Limits {
  /** Larger files (bytes) are skipped: they are generated code or data, not model definitions, and cost time. */
  maxFileSize: number;
  /**
   * Source code (Python, TypeScript/JavaScript) with a longer line (characters) is skipped. Its
   * parser holds a node per token of a statement while it reads it, ~100 bytes per character of
   * one long line: a 5 MB line took the server from 130 MB to 530 MB. Config files are exempt:
   * tools write whole models on one line (Keras `to_json`, TF.js model.json).
   */
  maxLineLength: number;
  /** Model configs (Keras JSON, YAML, Darknet cfg, Caffe prototxt) with more layers are refused: see MAX_LAYERS. */
  maxLayers: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileSize: 5 * 1024 * 1024,
  maxLineLength: 100_000,
  maxLayers: MAX_LAYERS,
});

/**
 * A top-level Python statement longer than this (characters, with the comments after it) is left
 * out and the rest of the file analysed: it is a literal of weights or data spread over many
 * lines, which maxLineLength does not catch, and parsing it costs ~100 bytes per character.
 */
export const MAX_STATEMENT_CHARS = 1_000_000;

/** A NUL in the first 8 KiB marks a binary file, as git decides. */
export function looksBinary(head: string | Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    if ((typeof head === 'string' ? head.charCodeAt(i) : head[i]) === 0) return true;
  }
  return false;
}

function size(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 0.1 ? `${Number(mb.toFixed(1))} MB` : `${bytes.toLocaleString('en')} bytes`;
}

/** Why a document is not analysed, or undefined when it is fine. */
export function skipReason(byteLength: number, head: string | Uint8Array, maxFileSize = DEFAULT_LIMITS.maxFileSize): string | undefined {
  if (byteLength > maxFileSize) return `file too large (${size(byteLength)}; the limit is ${size(maxFileSize)})`;
  if (looksBinary(head)) return 'binary file';
  return undefined;
}

/** Why source code is not analysed for its line lengths, or undefined; one pass of `indexOf`. */
export function longLineReason(text: string, maxLineLength: number): string | undefined {
  for (let start = 0, line = 1; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > maxLineLength) {
      return `line ${line} has ${(end - start).toLocaleString('en')} characters, over the maxLineLength limit (${maxLineLength.toLocaleString('en')}): minified or generated code`;
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return undefined;
}
