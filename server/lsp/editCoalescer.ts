// When to analyse an open document after an edit. An edit after a quiet spell is analysed on the
// next event-loop turn (no added latency while typing). An edit arriving within `quietMs` of the
// previous analysis's end waits out the rest of that spell, so a burst (a paste, a refactoring,
// or the queue that piles up behind a slow analysis) costs one analysis of the latest version.
// The JSON-RPC layer handles one queued message per event-loop turn, so a few milliseconds
// drain such a queue; the spell adds at most that much latency.

type Pending = { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout };

export class EditCoalescer {
  private readonly pending = new Map<string, Pending>();
  private readonly lastEnd = new Map<string, number>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly quietMs = 3,
    private readonly now: () => number = () => performance.now(),
  ) {}

  schedule(uri: string): void {
    if (this.pending.has(uri)) return; // the pending run reads the latest version
    const fire = () => {
      this.pending.delete(uri);
      void this.run(uri).finally(() => this.lastEnd.set(uri, this.now()));
    };
    const since = this.now() - (this.lastEnd.get(uri) ?? -Infinity);
    this.pending.set(
      uri,
      since >= this.quietMs ? { kind: 'immediate', handle: setImmediate(fire) } : { kind: 'timeout', handle: setTimeout(fire, this.quietMs - since) },
    );
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (p?.kind === 'immediate') clearImmediate(p.handle);
    else if (p) clearTimeout(p.handle);
    this.pending.delete(uri);
    this.lastEnd.delete(uri);
  }
}
