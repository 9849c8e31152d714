import * as assert from 'node:assert/strict';
import { CrashBudget } from '../../client/crashBudget';

describe('client: crash budget', () => {
  it('allows restarts until the fifth crash within three minutes, forgetting older crashes', () => {
    const b = new CrashBudget(5, 180_000);
    assert.deepEqual([0, 10, 20, 30].map((t) => b.record(t * 1000)), [true, true, true, true]);
    assert.equal(b.record(40_000), false, 'fifth crash in the window');
    const slow = new CrashBudget(5, 180_000);
    assert.ok([0, 60, 120, 180, 240, 300].every((t) => slow.record(t * 1000)), 'one crash a minute never exhausts it');
    b.reset();
    assert.equal(b.record(41_000), true);
  });
});
