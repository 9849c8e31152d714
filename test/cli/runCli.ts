// Runs the built CLI (dist/cli.js, made by `npm test`'s build step) in a given folder.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');

export interface CliResult { status: number | null; stdout: string; stderr: string }

export function runCli(args: string[], cwd = REPO): CliResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder with `files` (relative path → content), removed by the caller. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** For a describe block: a `tempTree` whose folders are removed after the block's tests. */
export function tempTrees(): (files: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (files) => {
    const dir = tempTree(files);
    dirs.push(dir);
    return dir;
  };
}

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(REPO, 'test/fixtures/python', rel), 'utf8');
}
