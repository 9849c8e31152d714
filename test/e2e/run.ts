// `npm run test:e2e`: the packaged extension in a real VS Code workbench (code-server in headless
// Chromium), scenario by scenario, then the language server under Neovim. One line per check with
// its time, a screenshot per scenario in test-results/e2e/, and a closing "N passed, N failed".
// Arguments: scenario numbers to run only those (e.g. `npm run test:e2e -- 3 5`).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CodeServer } from './codeServer';
import { neovimDiagnostics } from './neovim';
import { ROOT, WORKSPACE_FIXTURE, type Scenario } from './scenario';
import { bceQuickFix } from './scenarios/bceQuickFix';
import { bceSquiggle } from './scenarios/bceSquiggle';
import { kerasAndConfig } from './scenarios/kerasAndConfig';
import { liveEdit } from './scenarios/liveEdit';
import { plotPanel } from './scenarios/plotPanel';
import { sigmoidHover } from './scenarios/sigmoidHover';
import { workspaceScan } from './scenarios/workspaceScan';
import { ensureTools, type Tools } from './tools';
import { Workbench } from './workbench';

const SCENARIOS: Scenario[] = [bceSquiggle, sigmoidHover, bceQuickFix, liveEdit, plotPanel, kerasAndConfig, workspaceScan];
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const VSIX = path.join(ROOT, 'activation-lens.vsix');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Runs one check, prints its line, and counts it. */
async function check(label: string, body: () => Promise<string | void>): Promise<void> {
  const start = Date.now();
  try {
    const note = await body();
    passed++;
    console.log(`ok    ${label}  ${seconds(start)}${note ? `  (${note})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${label}  ${seconds(start)}`);
    console.log(`      ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ')}`);
  }
}

/** code-server processes, one per trust mode, started when a scenario first needs them. */
class Servers {
  private readonly started = new Map<boolean, Promise<CodeServer>>();

  constructor(private readonly tools: Tools, private readonly scratch: string, private readonly extensionsDir: string) {}

  get(restricted: boolean): Promise<CodeServer> {
    let server = this.started.get(restricted);
    if (!server) {
      const name = restricted ? 'restricted' : 'trusted';
      const root = path.join(this.scratch, `code-server-${name}`);
      fs.mkdirSync(root, { recursive: true });
      server = CodeServer.start(this.tools, root, this.extensionsDir, { workspaceTrust: restricted, log: path.join(RESULTS, `code-server-${name}.log`) });
      this.started.set(restricted, server);
    }
    return server;
  }

  async stopAll(): Promise<void> {
    // A server that failed to start has nothing to stop.
    await Promise.all([...this.started.values()].map((s) => s.then((server) => server.stop(), () => undefined)));
  }
}

async function runScenario(index: number, scenario: Scenario, servers: Servers, browser: Browser, scratch: string): Promise<void> {
  const name = `${index} ${scenario.title}${scenario.restricted ? ' [Restricted Mode]' : ''}`;
  const shot = (label?: string) => path.join(RESULTS, `${index}-${scenario.name}${label ? `-${label}` : ''}.png`);
  await check(name, async () => {
    const workspace = path.join(scratch, `scenario-${index}`, 'models');
    fs.cpSync(WORKSPACE_FIXTURE, workspace, { recursive: true });
    const server = await servers.get(scenario.restricted);
    const workbench = await Workbench.open(browser, server.folderUrl(workspace));
    try {
      return await scenario.run({ workbench, workspace, screenshot: (label) => workbench.screenshot(shot(label)) });
    } finally {
      await workbench.screenshot(shot()).catch(() => undefined);
      await workbench.close();
    }
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).map(Number);
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-e2e-'));
  try {
    await runAll(scratch, only);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function runAll(scratch: string, only: number[]): Promise<void> {
  let tools: Tools | undefined;
  await check('tools: Chromium, Neovim, Node 24, code-server', async () => {
    tools = ensureTools((line) => console.log(`      ${line}`));
  });
  if (!tools) return;
  const ready = tools;
  const extensionsDir = path.join(scratch, 'extensions');
  let installed = false;
  await check('packaged extension installs into code-server', async () => {
    if (!fs.existsSync(VSIX)) throw new Error(`missing piece: ${VSIX} (run npm run package)`);
    CodeServer.installExtension(ready, VSIX, extensionsDir, path.join(scratch, 'install-user-data'), path.join(scratch, 'install-config.yaml'));
    installed = true;
  });

  if (installed) {
    const servers = new Servers(ready, scratch, extensionsDir);
    const browser = await chromium.launch({ executablePath: ready.chromium, headless: true, args: CHROMIUM_ARGS });
    try {
      for (const [i, scenario] of SCENARIOS.entries()) {
        if (only.length === 0 || only.includes(i + 1)) await runScenario(i + 1, scenario, servers, browser, scratch);
      }
    } finally {
      await browser.close();
      await servers.stopAll();
    }
  }
  if (only.length === 0) await check('Neovim: diagnostics from dist/server.js --stdio', () => neovimDiagnostics(ready.nvim, scratch));
}

main()
  .catch((error: unknown) => {
    failed++;
    console.log(`FAIL  harness: ${error instanceof Error ? error.stack : String(error)}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  });
