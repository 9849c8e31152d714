// Helpers for the config parser tests: the text a range covers, one-line layer summaries, and
// every range a model holds (they must stay inside the document).

import * as assert from 'node:assert/strict';
import type { DocumentModel, Range } from '../../../server/model/layerStack';

export function textAt(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

export function assertRangesInside(text: string, m: DocumentModel): void {
  const lines = text.split(/\r\n|\r|\n/);
  const ranges = [
    ...m.activations.map((a) => a.range), ...m.losses.map((l) => l.range),
    ...m.stacks.flatMap((s) => [s.range, ...s.layers.map((l) => l.range)]),
  ];
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line}`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} of line ${p.line}`);
    }
  }
}

/** `kind name→id(params)` per layer, compactly. */
export function summary(m: DocumentModel, stack = 0): string[] {
  return m.stacks[stack].layers.map((l) => {
    const a = l.activation;
    const params = a && Object.keys(a.params).length ? `(${Object.entries(a.params).map(([k, v]) => `${k}=${v}`).join(',')})` : '';
    return `${l.kind} ${l.name}${a ? `→${a.id}${params}${a.gating ? ' gate' : ''}` : ''}`;
  });
}
