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

/** A workbench scenario gets one more attempt, printed, before it counts as failed: the real
 *  workbench's timing varies (a trust state or a menu that settles late), and one flaky run must not
 *  hide whether the extension works. */
const SCENARIO_ATTEMPTS = 2;

/** Runs one check (up to `attempts` times), prints its line, and counts it. */
async function check(label: string, body: (attempt: number) => Promise<void>, attempts = 1): Promise<void> {
  const start = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await body(attempt);
      passed++;
      console.log(`ok    ${label}  ${seconds(start)}${attempt > 1 ? ` (passed on attempt ${attempt})` : ''}`);
      return;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ');
      if (attempt < attempts) {
        console.log(`retry ${label}: attempt ${attempt} failed: ${message}`);
        continue;
      }
      failed++;
      console.log(`FAIL  ${label}  ${seconds(start)}`);
      console.log(`      ${message}`);
      return;
    }
  }
}

/** Each scenario gets its own code-server (settings, trust and window state do not carry over). */
async function runScenario(index: number, scenario: Scenario, tools: Tools, extensionsDir: string, browser: Browser, scratch: string): Promise<void> {
  const name = `${index} ${scenario.title}${scenario.restricted ? ' [Restricted Mode]' : ''}`;
  const shot = (label?: string) => path.join(RESULTS, `${index}-${scenario.name}${label ? `-${label}` : ''}.png`);
  await check(name, async (attempt) => {
    const root = path.join(scratch, `scenario-${index}-${attempt}`);
    const workspace = path.join(root, 'models');
    fs.cpSync(WORKSPACE_FIXTURE, workspace, { recursive: true });
    const server = await CodeServer.start(tools, root, extensionsDir, { workspaceTrust: scenario.restricted, log: path.join(RESULTS, `${index}-${scenario.name}.code-server.log`) });
    try {
      const workbench = await Workbench.open(browser, server.folderUrl(workspace));
      try {
        await scenario.run({ workbench, workspace, screenshot: (label) => workbench.screenshot(shot(label)) });
        // The trust state the scenario ran in, as the status bar shows it.
        if ((await workbench.restrictedMode()) !== scenario.restricted) {
          throw new Error(scenario.restricted ? 'the folder was not in Restricted Mode' : 'the folder was in Restricted Mode');
        }
      } finally {
        await workbench.screenshot(shot()).catch(() => undefined);
        await workbench.close();
      }
    } finally {
      await server.stop();
    }
  }, SCENARIO_ATTEMPTS);
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
    const browser = await chromium.launch({ executablePath: ready.chromium, headless: true, args: CHROMIUM_ARGS });
    try {
      for (const [i, scenario] of SCENARIOS.entries()) {
        if (only.length === 0 || only.includes(i + 1)) await runScenario(i + 1, scenario, ready, extensionsDir, browser, scratch);
      }
    } finally {
      await browser.close();
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
