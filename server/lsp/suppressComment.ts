// "Disable ACTnnn for this line": the edit that adds or extends `# activation-lens: ignore[...]`
// at the end of a line. Python decides where a comment may go, so the line is checked against a
// lezer parse: never inside a multi-line string, never after a backslash continuation.

import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import type { TextEdit } from 'vscode-languageserver';

export const SUPPRESS_DIRECTIVE = 'activation-lens: ignore';
// The same directive server/analysis/suppressions.ts honours; `ignore-file` is not a line directive.
const DIRECTIVE = /#\s*activation-lens:\s*ignore(?:(\[([^\]]*)\])|(?![\w-]))/;

export function parsePython(text: string): Tree {
  return parser.parse(text);
}

export function lineBounds(text: string, line: number): { start: number; end: number } | undefined {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

/**
 * The edit that suppresses `code` on `line` (0-based), or undefined when the line already
 * suppresses it or cannot take a comment. `tree` is the parse of `text`, when the caller has one.
 */
export function suppressEdit(text: string, line: number, code: string, tree: Tree = parsePython(text)): TextEdit | undefined {
  const bounds = lineBounds(text, line);
  if (!bounds) return undefined;
  const { start, end } = bounds;

  let comment: { from: number; to: number } | undefined;
  let endsInString = false;
  tree.iterate({
    from: start,
    to: end,
    enter(node) {
      if (node.name === 'Comment' && node.from >= start && node.from < end) comment = { from: node.from, to: Math.min(node.to, end) };
      if ((node.name === 'String' || node.name === 'FormatString') && node.from < end && node.to > end) endsInString = true;
    },
  });

  const at = (offset: number) => ({ line, character: offset - start });
  if (comment) {
    const body = text.slice(comment.from, comment.to);
    const m = DIRECTIVE.exec(body);
    if (!m) return { range: { start: at(comment.to), end: at(comment.to) }, newText: `  # ${SUPPRESS_DIRECTIVE}[${code}]` };
    if (m[1] === undefined) return undefined; // a bare `ignore` already silences every rule on the line
    const codes = m[2].split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    if (codes.includes(code.toUpperCase())) return undefined;
    const closing = comment.from + m.index + m[0].length - 1; // offset of `]`
    const newText = codes.length ? `, ${code}` : code;
    return { range: { start: at(closing), end: at(closing) }, newText };
  }

  const content = text.slice(start, end).replace(/\s+$/, '');
  if (endsInString || content.endsWith('\\')) return undefined;
  const contentEnd = start + content.length;
  const prefix = content.length ? '  ' : '';
  return { range: { start: at(contentEnd), end: at(end) }, newText: `${prefix}# ${SUPPRESS_DIRECTIVE}[${code}]` };
}
