// Extension activation time in a real VS Code: the e2e harness's cached code-server with the
// extension packaged from the current dist/, its workbench opened on the e2e fixture workspace in
// headless Chromium (the workspace's .py files activate the extension), RUNS times with a fresh
// code-server each. The client logs its own figure — activate() entry to the language client
// ready, i.e. the server started and initialized — to its output channel, which VS Code writes
// under the user-data folder's logs; this reads it from there. It does not include VS Code's own
// work before it calls activate() (loading the extension host, reading the bundle).
// Without the cached code-server (see docs/e2e.md: `npm run test:e2e` installs it) it reports
// "not measured" and why, rather than installing 620 MB.
//
//   node --import tsx bench/activation.ts [--json]      (npm run bench builds dist/ first)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CodeServer } from '../test/e2e/codeServer';
import { poll } from '../test/e2e/poll';
import { ROOT, WORKSPACE_FIXTURE } from '../test/e2e/scenario';
import { cacheDir, ensureTools, type Tools } from '../test/e2e/tools';
import { Workbench } from '../test/e2e/workbench';
import { stats } from './common.mjs';

const RUNS = 5;
const json = process.argv.includes('--json');
const LINE = /activated in (\d+) ms/;

/** Why the measurement cannot run here, or undefined. */
function missing(): string | undefined {
  const installed = (prefix: string) =>
    fs.existsSync(cacheDir()) && fs.readdirSync(cacheDir()).some((d) => d.startsWith(prefix) && fs.existsSync(path.join(cacheDir(), d, '.installed')));
  if (!installed('code-server-')) return `no cached code-server in ${cacheDir()} (npm run test:e2e installs it)`;
  if (!installed('node-')) return `no cached Node 24 in ${cacheDir()} (npm run test:e2e installs it)`;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js'))) return 'no dist/client.js (npm run build)';
  return undefined;
}

/** The first file under `dir` named like the output channel whose text has the activation line. */
function activationMs(dir: string): number | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.includes('Activation Lens')) continue;
    const m = LINE.exec(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    if (m) return Number(m[1]);
  }
  return undefined;
}

async function measure(tools: Tools, scratch: string): Promise<number[]> {
  const vsix = path.join(scratch, 'activation-lens.vsix');
  // The bundles as built, packaged the way `npm run package` does (without its production rebuild).
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const extensionsDir = path.join(scratch, 'extensions');
  CodeServer.installExtension(tools, vsix, extensionsDir, path.join(scratch, 'install-user-data'), path.join(scratch, 'install-config.yaml'));
  const browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const root = path.join(scratch, `run-${run}`);
      const workspace = path.join(root, 'models');
      fs.cpSync(WORKSPACE_FIXTURE, workspace, { recursive: true });
      const server = await CodeServer.start(tools, root, extensionsDir, { workspaceTrust: false, log: path.join(root, 'code-server.log') });
      try {
        const workbench = await Workbench.open(browser, server.folderUrl(workspace));
        try {
          times.push(await poll('the activation line in the output channel log', () => activationMs(path.join(root, 'user-data', 'logs')), { timeout: 60_000 }));
        } finally {
          await workbench.close();
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return times;
}

async function main(): Promise<void> {
  const why = missing();
  let figures: Record<string, unknown>;
  if (why) {
    figures = { measured: false, reason: why };
  } else {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-bench-'));
    try {
      const tools = ensureTools(() => undefined);
      figures = { measured: true, runs: RUNS, activationMs: stats(await measure(tools, scratch)) };
    } catch (error) {
      figures = { measured: false, reason: `the workbench run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  if (json) console.log(JSON.stringify(figures, null, 2));
  else if (!figures.measured) console.log(`extension activation: not measured: ${figures.reason}`);
  else {
    const s = figures.activationMs as ReturnType<typeof stats>;
    console.log(`extension activation in code-server ${RUNS}×, activate() entry to client ready: median ${s.median} ms, p95 ${s.p95} ms (min ${s.min}, max ${s.max})`);
  }
}

void main();
