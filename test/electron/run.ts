// `npm run test:electron`: the extension-host suite in a real VS Code desktop build, for machines
// with internet (@vscode/test-electron downloads VS Code on first use into .vscode-test/). Not run
// in CI here, where nothing can be downloaded: CI runs the code-server suite (test/e2e) instead.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, '.tmp', 'electron');

async function main(): Promise<void> {
  // The extension host loads plain CommonJS: bundle the runner and the tests; mocha and vscode
  // are loaded at run time (mocha from the repository's node_modules).
  await esbuild.build({
    entryPoints: { index: path.join(__dirname, 'suite', 'index.ts'), 'extension.e2e': path.join(__dirname, 'suite', 'extension.e2e.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-electron-'));
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('It needs VS Code: a download from the internet on first use (or VSCODE_TEST_VERSION naming a cached build).');
  process.exitCode = 1;
});
