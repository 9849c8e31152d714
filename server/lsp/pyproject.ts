// The nearest pyproject.toml above a file that has a `[tool.activation-lens]` table (as ruff does
// for `[tool.ruff]`, so a sub-package's pyproject.toml does not hide the repository's settings).
// Lookups are cached per directory (a workspace scan asks for every file) until one changes.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { settingsFromPyproject } from '../analysis/settings';

export type PyprojectSettings = ReturnType<typeof settingsFromPyproject>['settings'];

export interface Pyproject {
  path: string;
  settings: PyprojectSettings;
}

export class PyprojectLookup {
  private readonly byDir = new Map<string, Promise<Pyproject | undefined>>();

  /** `warn` receives each problem in a pyproject.toml once per read of that file. */
  constructor(private readonly warn: (message: string) => void) {}

  /** The settings of the pyproject.toml nearest to `filePath`, or undefined when there is none. */
  forFile(filePath: string): Promise<Pyproject | undefined> {
    return this.forDir(path.dirname(filePath));
  }

  clear(): void {
    this.byDir.clear();
  }

  private forDir(dir: string): Promise<Pyproject | undefined> {
    let cached = this.byDir.get(dir);
    if (!cached) {
      cached = this.read(dir);
      this.byDir.set(dir, cached);
    }
    return cached;
  }

  private async read(dir: string): Promise<Pyproject | undefined> {
    const file = path.join(dir, 'pyproject.toml');
    let text: string | undefined;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined || !hasOwnTable(text)) {
      const parent = path.dirname(dir);
      return parent === dir ? undefined : this.forDir(parent);
    }
    const { settings, warnings } = settingsFromPyproject(text);
    for (const w of warnings) this.warn(`${file}: ${w}`);
    return { path: file, settings };
  }
}

/** True when the file has a `[tool.activation-lens]` table; a malformed file counts, so its errors are reported. */
function hasOwnTable(text: string): boolean {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch {
    return true;
  }
  const tool = doc.tool;
  return typeof tool === 'object' && tool !== null && 'activation-lens' in tool;
}
