// Choosing which fixes "Fix all" applies: every fix whose edits overlap no edit already chosen,
// in document order, so one WorkspaceEdit never holds conflicting edits.

import type { Position, Range } from 'vscode-languageserver';
import type { Fix, TextEdit } from '../rules/types';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Ranges overlap when they share a character, or both insert at the same point. */
function overlaps(a: Range, b: Range): boolean {
  if (before(a.end, b.start) || before(b.end, a.start)) return false;
  const aEmpty = !before(a.start, a.end);
  const bEmpty = !before(b.start, b.end);
  // Touching ranges (one ends where the other starts) do not overlap unless one is an insertion there.
  const touch = (x: Position, y: Position) => x.line === y.line && x.character === y.character;
  if (touch(a.end, b.start) && !aEmpty && !bEmpty) return false;
  if (touch(b.end, a.start) && !aEmpty && !bEmpty) return false;
  return true;
}

export function nonOverlappingEdits(fixes: readonly Fix[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const ordered = [...fixes].sort((x, y) => comparePositions(firstStart(x), firstStart(y)));
  for (const fix of ordered) {
    if (fix.edits.some((e) => chosen.some((c) => overlaps(e.range, c.range)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

function firstStart(fix: Fix): Position {
  return fix.edits.reduce((min, e) => (before(e.range.start, min) ? e.range.start : min), fix.edits[0]?.range.start ?? { line: 0, character: 0 });
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
