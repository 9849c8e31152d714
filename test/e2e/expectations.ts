// The fixture workspace's inline expectations: `# expect: ACT010` on the line of each finding.
// Shared by the code-server scenarios, the Neovim check and the @vscode/test-electron suite.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** A finding the fixture workspace expects: `# expect: ACT010` on its line. */
export interface Expectation {
  /** Workspace-relative, with forward slashes. */
  file: string;
  code: string;
  /** 1-based. */
  line: number;
}

function pythonFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return pythonFiles(dir, child);
    return entry.name.endsWith('.py') ? [child] : [];
  });
}

export function expectations(workspace: string): Expectation[] {
  const out: Expectation[] = [];
  for (const file of pythonFiles(workspace)) {
    fs.readFileSync(path.join(workspace, file), 'utf8').split('\n').forEach((text, i) => {
      const m = /#.*\bexpect:\s*([A-Z0-9,\s]+?)\s*$/.exec(text);
      for (const code of m?.[1].split(',') ?? []) out.push({ file, code: code.trim(), line: i + 1 });
    });
  }
  return out;
}

/** The 1-based line of `file` that contains `text`. */
export function lineOf(workspace: string, file: string, text: string): number {
  const index = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`fixture ${file} has no line containing ${JSON.stringify(text)}`);
  return index + 1;
}
