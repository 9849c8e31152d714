import * as assert from 'node:assert/strict';
import { EditCoalescer } from '../../server/lsp/editCoalescer';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('lsp: edit coalescing', () => {
  it('runs an edit after a quiet spell on the next turn, and folds a burst into one trailing run', async () => {
    let clock = 0;
    const runs: number[] = [];
    const c = new EditCoalescer(async () => void runs.push(clock), 10, () => clock);
    c.schedule('a');
    c.schedule('a');
    await turn();
    await turn();
    assert.deepEqual(runs, [0], 'one run on the next turn for two edits');

    clock = 3; // within the quiet spell after that run ended at 0
    c.schedule('a');
    await turn();
    assert.deepEqual(runs, [0], 'deferred');
    for (let i = 0; i < 5; i++) c.schedule('a');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(runs.length, 2, 'one trailing run for the burst');

    clock = 100;
    c.schedule('b');
    c.cancel('b');
    await new Promise((r) => setTimeout(r, 15));
    assert.equal(runs.length, 2, 'a cancelled document is not analysed');
  });
});
