// "Disable ACTnnn for this line" in every syntax the analysis reads: Python (suppressComment.ts),
// `// activation-lens: ignore[...]` at the end of a TF.js line, `# activation-lens: ignore[...]` at
// the end of a YAML or prototxt line. JSON has no comments, and darknet reads everything after `=`
// as the value (`activation=leaky # x` is the activation `leaky#x`), so neither gets the action:
// findings there are suppressed through settings (or, in darknet, a full-line `# activation-lens:
// ignore-file`).

import { parser as jsParser } from '@lezer/javascript';
import type { Tree } from '@lezer/common';
import type { TextEdit } from 'vscode-languageserver';
import type { SourceSyntax } from '../model/layerStack';
import { lineBounds, parsePython, SUPPRESS_DIRECTIVE, suppressEdit } from './suppressComment';

export type LineSuppressor = (line: number, code: string) => TextEdit | undefined;

function directive(prefix: string): RegExp {
  return new RegExp(`${prefix}\\s*activation-lens:\\s*ignore(?:(\\[([^\\]]*)\\])|(?![\\w-]))`);
}

/** Extend an existing comment's directive, or append a new comment after the line's content. */
function edit(text: string, line: number, code: string, prefix: string, comment: { from: number; to: number } | undefined): TextEdit | undefined {
  const bounds = lineBounds(text, line);
  if (!bounds) return undefined;
  const at = (offset: number) => ({ line, character: offset - bounds.start });
  if (comment) {
    const m = directive(prefix).exec(text.slice(comment.from, comment.to));
    if (!m) return { range: { start: at(comment.to), end: at(comment.to) }, newText: `  ${prefix} ${SUPPRESS_DIRECTIVE}[${code}]` };
    if (m[1] === undefined) return undefined; // a bare `ignore` already covers every rule
    const codes = m[2].split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    if (codes.includes(code.toUpperCase())) return undefined;
    const closing = comment.from + m.index + m[0].length - 1;
    return { range: { start: at(closing), end: at(closing) }, newText: codes.length ? `, ${code}` : code };
  }
  const content = text.slice(bounds.start, bounds.end).replace(/\s+$/, '');
  const end = bounds.start + content.length;
  return { range: { start: at(end), end: at(bounds.end) }, newText: `${content.length ? '  ' : ''}${prefix} ${SUPPRESS_DIRECTIVE}[${code}]` };
}

/** JS/TS: never inside a template literal or block comment that runs past the line's end. */
function javascriptLine(text: string, tree: Tree, line: number, code: string): TextEdit | undefined {
  const bounds = lineBounds(text, line);
  if (!bounds) return undefined;
  let comment: { from: number; to: number } | undefined;
  let open = false;
  tree.iterate({
    from: bounds.start,
    to: bounds.end,
    enter(node) {
      if (node.name === 'LineComment' && node.from >= bounds.start && node.from < bounds.end) comment = { from: node.from, to: Math.min(node.to, bounds.end) };
      if ((node.name === 'TemplateString' || node.name === 'BlockComment') && node.from < bounds.end && node.to > bounds.end) open = true;
    },
  });
  return open ? undefined : edit(text, line, code, '//', comment);
}

/** YAML and prototxt: a `#` outside quotes starts a comment (in YAML only at the line start or after a blank). */
function hashLine(text: string, line: number, code: string, yaml: boolean): TextEdit | undefined {
  const bounds = lineBounds(text, line);
  if (!bounds) return undefined;
  const body = text.slice(bounds.start, bounds.end);
  let quote: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (!yaml || i === 0 || /\s/.test(body[i - 1]))) {
      return edit(text, line, code, '#', { from: bounds.start + i, to: bounds.end });
    }
  }
  return quote ? undefined : edit(text, line, code, '#', undefined);
}

/** The "disable for this line" edit maker for a document, parsing it at most once; undefined where comments cannot go. */
export function lineSuppressor(syntax: SourceSyntax | undefined, text: string): LineSuppressor | undefined {
  switch (syntax) {
    case undefined: {
      let tree: Tree | undefined;
      return (line, code) => suppressEdit(text, line, code, (tree ??= parsePython(text)));
    }
    case 'javascript': {
      let tree: Tree | undefined;
      return (line, code) => javascriptLine(text, (tree ??= jsParser.configure({ dialect: 'ts jsx' }).parse(text)), line, code);
    }
    case 'yaml': return (line, code) => hashLine(text, line, code, true);
    case 'prototxt': return (line, code) => hashLine(text, line, code, false);
    case 'json': case 'darknet': return undefined;
  }
}
