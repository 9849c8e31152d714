// Helpers for the TF.js parser tests: parse as TypeScript, summarise layers, read a range's text.

import type { DocumentModel, Range } from '../../../server/model/layerStack';
import { parseTfjs, type Dialect } from '../../../server/parse/tfjs/index';

export interface Parsed { text: string; model: DocumentModel; at(r: Range): string; layers(stack?: number): string[] }

export function parse(text: string, dialect: Dialect = 'ts'): Parsed {
  const model = parseTfjs(text, dialect);
  const lines = text.split(/\r\n|\r|\n/);
  const at = (r: Range) => (r.start.line === r.end.line
    ? lines[r.start.line].slice(r.start.character, r.end.character)
    : [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n'));
  const layers = (stack = 0) => model.stacks[stack].layers.map((l) => `${l.kind} ${l.name}${l.activation ? `→${l.activation.id}` : ''}`);
  return { text, model, at, layers };
}
