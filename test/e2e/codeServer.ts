// One code-server process: VS Code's workbench served on a loopback port, with the packaged
// extension installed into its own extensions folder and a user-data folder of its own.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { poll } from './poll';
import { node24Env, type Tools } from './tools';

/** Workbench settings every session starts from: no start page, no AI side bar, no network checks. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.hover.delay': 100,
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** false starts with workspace trust disabled (every folder trusted); true leaves it on (Restricted Mode). */
  workspaceTrust: boolean;
  /** Log file for code-server's output. */
  log: string;
}

export class CodeServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Installs `vsix` into `extensionsDir`, once per folder. */
  static installExtension(tools: Tools, vsix: string, extensionsDir: string, userDataDir: string, configFile: string): void {
    execFileSync(tools.codeServer, ['--config', configFile, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      env: node24Env(tools.node24Bin),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  static async start(tools: Tools, root: string, extensionsDir: string, options: CodeServerOptions): Promise<CodeServer> {
    const userDataDir = path.join(root, 'user-data');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(BASE_SETTINGS, null, 2));
    const args = [
      '--config', path.join(root, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--ignore-last-opened',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ];
    // Node 24 (code-server's engines field) first on PATH, for the extension host too. Its own
    // process group, so stopping it also stops the extension host and the language server.
    const child = spawn(tools.codeServer, args, { env: node24Env(tools.node24Bin), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const logStream = fs.createWriteStream(options.log);
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      logStream.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', () => logStream.end());

    const url = await poll('code-server to listen', () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${options.log}`);
      return /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    }, { timeout: 30_000 });
    await poll('code-server /healthz', async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), { timeout: 30_000 });
    return new CodeServer(child, url);
  }

  folderUrl(folder: string): string {
    return `${this.url}/?folder=${encodeURIComponent(folder)}`;
  }

  async stop(): Promise<void> {
    const group = this.child.pid;
    if (group === undefined || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(-group, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // the whole group is gone
    }
  }
}
