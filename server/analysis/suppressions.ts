// Inline suppressions: `# activation-lens: ignore[ACT010, ACT020]` (or a bare `ignore`) at the end
// of the line where a finding starts, and `# activation-lens: ignore-file` as a full-line comment.
// A reason may follow the bracket: `# activation-lens: ignore[ACT020] low-rank factorization`.
// TF.js sources write `//` instead of `#`; JSON has no comments, so only settings suppress there.

import type { SourceSyntax } from '../model/layerStack';

const MARKER = 'activation-lens:';

/** How a comment starts, per syntax; undefined where there are none. */
const COMMENT: Readonly<Record<SourceSyntax | 'python', string | undefined>> = {
  python: '#', javascript: '//', yaml: '#', darknet: '#', prototxt: '#', json: undefined,
};

export function commentPrefix(syntax: SourceSyntax | undefined): string | undefined {
  return COMMENT[syntax ?? 'python'];
}

export interface Suppressions {
  file: boolean;
  /** 0-based line → the codes ignored there (`all` for a bare ignore). */
  lines: Map<number, ReadonlySet<string> | 'all'>;
}

export function scanSuppressions(text: string, comment: string | undefined = '#'): Suppressions {
  const lines = new Map<number, ReadonlySet<string> | 'all'>();
  if (comment === undefined || !text.includes(MARKER)) return { file: false, lines };
  const line = new RegExp(`${comment}\\s*activation-lens:\\s*ignore(?:\\[([^\\]]*)\\]|(?![\\w-]))`);
  const file = new RegExp(`^[ \\t]*${comment}\\s*activation-lens:\\s*ignore-file\\b`, 'm');
  if (file.test(text)) return { file: true, lines };
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    if (!lineText.includes(MARKER)) return;
    const m = line.exec(lineText);
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
