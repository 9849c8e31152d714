// Inline suppressions: `# activation-lens: ignore[ACT010, ACT020]` (or a bare `ignore`) at the end
// of the line where a finding starts, and `# activation-lens: ignore-file` as a full-line comment.
// A reason may follow the bracket: `# activation-lens: ignore[ACT020] low-rank factorization`.

const MARKER = 'activation-lens:';
const LINE = /#\s*activation-lens:\s*ignore(?:\[([^\]]*)\]|(?![\w-]))/;
const FILE = /^[ \t]*#\s*activation-lens:\s*ignore-file\b/m;

export interface Suppressions {
  file: boolean;
  /** 0-based line → the codes ignored there (`all` for a bare ignore). */
  lines: Map<number, ReadonlySet<string> | 'all'>;
}

export function scanSuppressions(text: string): Suppressions {
  const lines = new Map<number, ReadonlySet<string> | 'all'>();
  if (!text.includes(MARKER)) return { file: false, lines };
  if (FILE.test(text)) return { file: true, lines };
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (!line.includes(MARKER)) return;
    const m = LINE.exec(line);
    if (!m) return;
    if (m[1] === undefined) {
      lines.set(index, 'all');
    } else {
      const codes = m[1].split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
      lines.set(index, new Set(codes));
    }
  });
  return { file: false, lines };
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (s.file) return true;
  const entry = s.lines.get(line);
  return entry === 'all' || (entry !== undefined && entry.has(code));
}
