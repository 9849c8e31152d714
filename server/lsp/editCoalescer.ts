// When to analyse an open document after an edit, so that a burst of edits costs one analysis of
// its last version while a single keystroke is analysed at once. Two rules:
// - Settle. vscode-jsonrpc applies the messages it has read one per event-loop turn (setImmediate),
//   so changes that reached the server together land on the document a turn apart. An analysis
//   starts only once the document's version has held for a whole turn: every change already
//   received has been applied, and no analysis is spent on a version already superseded.
// - Quiet spell. An edit within `quietMs` of the previous analysis's end belongs to a burst still
//   arriving (a client writing one message per turn, a paste, the queue behind a slow analysis):
//   it waits until no edit has come for `quietMs` (at most `maxWaitMs`, so a stream never starves).
// An edit after a quiet spell costs two turns of delay (microseconds), not a debounce.

type Pending = { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout };

export class EditCoalescer {
  private readonly pending = new Map<string, Pending>();
  private readonly lastEnd = new Map<string, number>();
  private readonly lastEdit = new Map<string, number>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    /** The document's current version (undefined once closed). */
    private readonly versionOf: (uri: string) => number | undefined,
    private readonly quietMs = 3,
    private readonly maxWaitMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  schedule(uri: string): void {
    const now = this.now();
    this.lastEdit.set(uri, now);
    if (this.pending.has(uri)) return; // the pending run reads the latest version
    if (now - (this.lastEnd.get(uri) ?? -Infinity) < this.quietMs) this.waitQuiet(uri, now);
    else this.settle(uri);
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (p?.kind === 'immediate') clearImmediate(p.handle);
    else if (p) clearTimeout(p.handle);
    this.pending.delete(uri);
    this.lastEnd.delete(uri);
    this.lastEdit.delete(uri);
  }

  private waitQuiet(uri: string, since: number): void {
    const wait = () => {
      const now = this.now();
      const quietFor = now - (this.lastEdit.get(uri) ?? since);
      if (quietFor >= this.quietMs || now - since >= this.maxWaitMs) this.settle(uri);
      else this.pending.set(uri, { kind: 'timeout', handle: setTimeout(wait, this.quietMs - quietFor) });
    };
    this.pending.set(uri, { kind: 'timeout', handle: setTimeout(wait, this.quietMs) });
  }

  /** Runs once the version seen on one turn is still the version on the next (NaN: nothing seen yet). */
  private settle(uri: string, seen = NaN): void {
    const check = () => {
      const version = this.versionOf(uri);
      if (version !== seen) return this.settle(uri, version);
      this.pending.delete(uri);
      void this.run(uri).finally(() => this.lastEnd.set(uri, this.now()));
    };
    this.pending.set(uri, { kind: 'immediate', handle: setImmediate(check) });
  }
}
