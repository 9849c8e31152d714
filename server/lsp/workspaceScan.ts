// Background analysis of closed files: a queue drained one file per event-loop turn (setImmediate),
// so hovers and edits interleave with a scan of thousands of files, with work-done progress.

export interface ScanProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(done: number, total: number): void;
}

export class WorkspaceScan {
  private readonly queue = new Set<string>();
  private draining = false;
  private done = 0;
  private total = 0;

  constructor(
    private readonly analyzeFile: (filePath: string) => Promise<void>,
    private readonly progress: ScanProgress,
    private readonly onError: (filePath: string, error: unknown) => void,
  ) {}

  get busy(): boolean {
    return this.draining;
  }

  /** Queue files (re-queueing one already waiting keeps a single entry) and start draining. */
  enqueue(filePaths: Iterable<string>): void {
    for (const p of filePaths) {
      if (!this.queue.has(p)) {
        this.queue.add(p);
        this.total++;
      }
    }
    if (!this.draining && this.queue.size) void this.drain();
  }

  /** Drop queued files matching `predicate` (deleted, or now excluded). */
  discard(predicate: (filePath: string) => boolean): void {
    for (const p of this.queue) {
      if (predicate(p)) {
        this.queue.delete(p);
        this.total--;
      }
    }
  }

  private async drain(): Promise<void> {
    this.draining = true;
    this.progress.begin(this.total);
    try {
      for (let next = this.first(); next !== undefined; next = this.first()) {
        this.queue.delete(next);
        try {
          await this.analyzeFile(next);
        } catch (error) {
          this.onError(next, error);
        }
        this.done++;
        this.progress.report(this.done, this.total);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.progress.end(this.done, this.total);
      this.draining = false;
      this.done = 0;
      this.total = 0;
    }
  }

  private first(): string | undefined {
    return this.queue.values().next().value;
  }
}
