import { parseArgs, type ParseArgsConfig } from 'node:util';

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

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS = {
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The command line of a command that takes one operand, `--format text|json` and `--help`. */
export interface CommandSpec<O extends Options> {
  /** The command's name and what its operand is, for "stacks takes one PATH". */
  command: string;
  operand: string;
  options: O;
  help: string;
}

/**
 * Node's parseArgs with the conventions every such command shares: a parse error or a wrong
 * operand count is a UsageError showing the help, `--format` is checked. Undefined once `--help`
 * has printed the help.
 */
export function parseCommandArgs<O extends Options>(argv: string[], spec: CommandSpec<O>) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...spec.options, ...COMMON_OPTIONS } });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${spec.help}`);
  }
  const { values, positionals } = parsed;
  // The shared options' values; TypeScript cannot see them through the generic spread.
  const { help, format } = values as { help: boolean; format: string };
  if (help) {
    process.stdout.write(spec.help + '\n');
    return undefined;
  }
  if (positionals.length !== 1) throw new UsageError(`${spec.command} takes one ${spec.operand}\n\n${spec.help}`);
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  return { values, operand: positionals[0], format: format as 'text' | 'json' };
}
