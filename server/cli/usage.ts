/** A mistake in the command line: reported on stderr with exit code 2. */
export class UsageError extends Error {}

/** Names within a small edit distance of `name`, closest first, for "did you mean" hints. */
export function closeMatches(name: string, candidates: Iterable<string>, max = 3): string[] {
  const target = name.toLowerCase();
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(target, c.toLowerCase());
    if (d <= Math.max(2, Math.floor(target.length / 3)) || c.toLowerCase().includes(target)) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
