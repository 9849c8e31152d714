// Which files a CLI run reads: named files as given, folders walked recursively for analysable
// extensions and notebooks, minus tool and environment folders and whatever .gitignore files say.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_SKIP_FOLDERS } from '../../shared/protocol';
import { ANALYSED_EXTENSIONS } from '../analysis/languages';
import { DEFAULT_LIMITS, skipReason } from '../analysis/limits';
import { NOTEBOOK_EXTENSION } from './notebook';
import { UsageError } from './usage';

/** Folders never walked, as the editor's scan by default: version control, dependencies, caches, build output. */
const SKIPPED_DIRS = new Set(DEFAULT_SKIP_FOLDERS);

const WALKED_EXTENSIONS = [...ANALYSED_EXTENSIONS, NOTEBOOK_EXTENSION];

interface GitIgnore { base: string; rules: Ignore }

function readGitIgnore(dir: string): GitIgnore | undefined {
  try {
    return { base: dir, rules: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .gitignore files of `dir`'s ancestors up to the repository root (the folder holding `.git`). */
function ancestorGitIgnores(dir: string): GitIgnore[] {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  if (!chain.some((d) => fs.existsSync(path.join(d, '.git')))) return [];
  return chain.map(readGitIgnore).filter((g): g is GitIgnore => g !== undefined);
}

function isIgnored(full: string, isDir: boolean, gitignores: readonly GitIgnore[]): boolean {
  return gitignores.some(({ base, rules }) => {
    const rel = path.relative(base, full).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel);
  });
}

function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

function walk(dir: string, gitignores: readonly GitIgnore[], out: string[]): void {
  const own = readGitIgnore(dir);
  const active = own ? [...gitignores, own] : gitignores;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to analyse in it
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || isIgnored(full, true, active) || isVirtualEnv(full)) continue;
      walk(full, active, out);
    } else if (entry.isFile() && WALKED_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      if (!isIgnored(full, false, active)) out.push(full);
    }
  }
}

/** Absolute paths of the files to analyse under `paths` (relative to `cwd`), in a stable order. */
export function collectFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      // A folder named on the command line is walked even when an ancestor's .gitignore ignores it.
      const ancestors = ancestorGitIgnores(full);
      walk(full, isIgnored(full, true, ancestors) ? [] : ancestors, out);
    } else {
      out.push(full);
    }
  }
  return [...new Set(out)];
}

export type ReadResult = { text: string } | { skipped: string };

/** The text of a file, or why it is not analysed (unreadable, too large, binary, not UTF-8). */
export function readSource(file: string): ReadResult {
  try {
    const size = fs.statSync(file).size;
    if (size > DEFAULT_LIMITS.maxFileSize) return { skipped: skipReason(size, '') ?? 'file too large' };
    const bytes = fs.readFileSync(file);
    const reason = skipReason(bytes.length, bytes);
    if (reason) return { skipped: reason };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text };
  } catch (err) {
    if (err instanceof TypeError) return { skipped: 'not UTF-8 text' };
    return { skipped: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

/** A path as shown to the user: relative to the working directory when inside it, with `/` separators. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}
