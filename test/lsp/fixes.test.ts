import * as assert from 'node:assert/strict';
import { nonOverlappingEdits } from '../../server/lsp/fixes';
import type { Fix } from '../../server/rules/types';

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const fix = (title: string, ...edits: [ReturnType<typeof r>, string][]): Fix => ({ title, edits: edits.map(([range, newText]) => ({ range, newText })) });

describe('lsp: fix-all edit selection', () => {
  it('takes every fix when none overlap, in document order', () => {
    const a = fix('a', [r(5, 0, 5, 4), 'A']);
    const b = fix('b', [r(1, 0, 1, 4), 'B'], [r(9, 0, 9, 1), 'B2']);
    assert.deepEqual(nonOverlappingEdits([a, b]).map((e) => e.newText), ['B', 'B2', 'A']);
  });

  it('drops a whole fix when any of its edits overlaps one already taken', () => {
    const a = fix('a', [r(1, 0, 1, 10), 'A']);
    const b = fix('b', [r(3, 0, 3, 2), 'B'], [r(1, 5, 1, 6), 'B2']);
    assert.deepEqual(nonOverlappingEdits([a, b]).map((e) => e.newText), ['A']);
  });

  it('lets adjacent replacements through but not two insertions at one point', () => {
    const a = fix('a', [r(1, 0, 1, 5), 'A']);
    const b = fix('b', [r(1, 5, 1, 9), 'B']);
    assert.equal(nonOverlappingEdits([a, b]).length, 2);
    const i1 = fix('i1', [r(2, 3, 2, 3), 'x']);
    const i2 = fix('i2', [r(2, 3, 2, 3), 'y']);
    assert.equal(nonOverlappingEdits([i1, i2]).length, 1);
  });
});
