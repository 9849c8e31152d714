// Which files the server analyses: extensions the driver parses, minus vendored and generated trees
// (folders named in `activationLens.skipFolders`, virtual environments), minus the user's `exclude`
// globs (gitignore syntax, relative to the workspace folder).

import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { ANALYSED_EXTENSIONS } from '../analysis/languages';

/** Whether the analysis driver has a parser for this file's extension (the driver's table decides). */
export function isAnalysedPath(filePath: string): boolean {
  return ANALYSED_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

/** A virtual environment has a pyvenv.cfg at its root, whatever the directory is called. */
function isVirtualEnv(entries: readonly Dirent[]): boolean {
  return entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg');
}

export type ExcludeMatcher = (filePath: string, isDirectory?: boolean) => boolean;

/** A matcher for `globs` relative to `root`; files outside `root` never match. */
export function excludeMatcher(root: string, globs: readonly string[]): ExcludeMatcher {
  if (globs.length === 0) return () => false;
  const ig = ignore().add([...globs]);
  return (filePath, isDirectory = false) => {
    const rel = path.relative(root, filePath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return ig.ignores(rel.split(path.sep).join('/') + (isDirectory ? '/' : ''));
  };
}

/** Whether `filePath` lies in a folder under `root` named in `skipped` (a file watcher reports those too). */
export function inSkippedFolder(root: string, filePath: string, skipped: ReadonlySet<string>): boolean {
  const rel = path.relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return rel.split(path.sep).slice(0, -1).some((name) => skipped.has(name));
}

/**
 * Supported files under `root`, depth first, yielding between directories so the caller's
 * event loop keeps serving requests. Folders named in `skipped`, virtual environments and
 * unreadable directories are not entered.
 */
export async function* supportedFiles(root: string, excluded: ExcludeMatcher, skipped: ReadonlySet<string>): AsyncGenerator<string> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if (dir !== root && isVirtualEnv(entries)) continue;
    const subdirs: string[] = [];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name) && !excluded(full, true)) subdirs.push(full);
      } else if (entry.isFile() && isAnalysedPath(entry.name) && !excluded(full)) {
        yield full;
      }
    }
    stack.push(...subdirs.reverse());
  }
}
