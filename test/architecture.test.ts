// Keeps each runtime on its platform: the server never imports `vscode`, the shared core imports
// neither editor nor protocol libraries nor Node's I/O modules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Module specifiers a file loads at run time (type-only imports are erased by the bundler). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^import type [^;]*;/gm, '');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) specs.push(m[1]);
  return specs;
}

const NODE_IO = /^(node:)?(fs|child_process|net|http|https|dgram|worker_threads|cluster|process)(\/|$)/;

describe('architecture', () => {
  it('server/ never imports vscode', () => {
    for (const file of sourceFiles('server')) {
      for (const spec of importsOf(file)) assert.notEqual(spec, 'vscode', `${file} imports vscode`);
    }
  });

  it('shared/ imports no editor, protocol or I/O module', () => {
    for (const file of sourceFiles('shared')) {
      for (const spec of importsOf(file)) {
        assert.ok(!/^vscode/.test(spec), `${file} imports ${spec}`);
        assert.ok(!NODE_IO.test(spec), `${file} imports ${spec}`);
      }
    }
  });

  it('the client never reaches into the server or parser internals', () => {
    for (const file of sourceFiles('client')) {
      for (const spec of importsOf(file)) {
        assert.ok(!/\/server\//.test(spec), `${file} imports ${spec}`);
      }
    }
  });
});
