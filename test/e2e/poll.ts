// Waiting for editor state: poll a probe until it yields a value, or fail saying what never happened
// and what was last seen.

export interface PollOptions {
  /** Milliseconds before giving up. */
  timeout?: number;
  interval?: number;
}

/**
 * Calls `probe` until it returns something other than `undefined`; then returns that. A probe that
 * throws counts as not ready yet (the DOM may be mid-update); its last error goes into the failure.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, options: PollOptions = {}): Promise<T> {
  const { timeout = 15_000, interval = 100 } = options;
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = '';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${last ? ` (last error: ${last.split('\n')[0]})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
