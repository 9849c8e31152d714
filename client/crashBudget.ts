// How many server crashes to absorb: at most `max` within a sliding window of `windowMs`.

export class CrashBudget {
  private crashes: number[] = [];

  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Record a crash at `now`; true while a restart is still within budget. */
  record(now: number): boolean {
    this.crashes = [...this.crashes.filter((t) => now - t < this.windowMs), now];
    return this.crashes.length < this.max;
  }

  reset(): void {
    this.crashes = [];
  }
}
