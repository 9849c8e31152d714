import * as assert from 'node:assert/strict';
import { EditCoalescer } from '../../server/lsp/editCoalescer';

const turn = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A document whose changes arrive as vscode-jsonrpc applies queued messages: one per event-loop turn. */
class Doc {
  version = 1;
  readonly runs: number[] = [];
  clock = 0;
  readonly coalescer: EditCoalescer;

  constructor(quietMs = 10, maxWaitMs = 100) {
    this.coalescer = new EditCoalescer(async () => void this.runs.push(this.version), () => this.version, quietMs, maxWaitMs, () => this.clock);
  }

  edit(): void {
    this.version++;
    this.coalescer.schedule('a');
  }

  /** `n` queued changes, applied one per turn, each scheduling as the server's change handler does. */
  applyQueued(n: number): Promise<void> {
    return new Promise((done) => {
      const next = () => {
        this.edit();
        if (--n > 0) setImmediate(next);
        else done();
      };
      setImmediate(next);
    });
  }
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await turn();
}

describe('lsp: edit coalescing', () => {
  // The fake clock stops with the test: a wait still pending would poll it forever.
  afterEach(() => doc.coalescer.cancel('a'));
  let doc: Doc;

  it('analyses an edit after a quiet spell within a few turns, once for edits in the same turn', async () => {
    doc = new Doc();
    doc.edit();
    doc.edit();
    await settled();
    assert.deepEqual(doc.runs, [3]);
  });

  it('analyses changes that arrived together once, at their last version', async () => {
    doc = new Doc();
    await doc.applyQueued(100);
    await settled();
    assert.deepEqual(doc.runs, [101], 'no analysis of a version the queue had already superseded');
  });

  it('holds edits within the quiet spell after an analysis until they stop', async () => {
    doc = new Doc(10);
    doc.edit();
    await settled();
    assert.deepEqual(doc.runs, [2]);
    // Edits trickling in 4 ms apart, each within the 10 ms spell of the one before.
    for (let i = 0; i < 5; i++) {
      doc.clock += 4;
      doc.edit();
      await sleep(4);
    }
    assert.deepEqual(doc.runs, [2], 'deferred while edits keep coming');
    doc.clock += 10;
    await sleep(15);
    await settled();
    assert.deepEqual(doc.runs, [2, 7], 'one trailing analysis of the last version');
  });

  it('runs a stream of edits at least every maxWaitMs', async () => {
    doc = new Doc(10, 30);
    doc.edit();
    await settled();
    for (let i = 0; i < 12; i++) {
      doc.clock += 5;
      doc.edit();
      await sleep(5);
    }
    await settled();
    assert.ok(doc.runs.length >= 2, `runs at versions ${doc.runs.join(', ')}`);
  });

  it('does not analyse a cancelled document', async () => {
    doc = new Doc();
    doc.edit();
    doc.coalescer.cancel('a');
    await settled();
    await sleep(15);
    assert.deepEqual(doc.runs, []);
  });
});
