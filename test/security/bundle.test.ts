// The shipped bundles never evaluate code or spawn processes. The server bundle carries one
// `child_process` import, inside vscode-languageserver's Files helpers (resolve, resolveGlobalNodePath:
// fork and npm/yarn prefix lookups), which the server never calls: sideEffects.test.ts observes at
// run time that no process is ever spawned.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '../../dist');
const read = (name: string): string => readFileSync(path.join(DIST, name), 'utf8');

/** Global eval (not a method named eval), the Function constructor, and process spawning. */
const EVAL = /(?<![.\w$])eval\s*\((?![^()]*\)\s*\{)/; // not a method definition named eval
const FUNCTION_CTOR = /\bnew\s+Function\s*\(|(?<![.\w$])Function\s*\(\s*["'`]/;
const CHILD_PROCESS = /require\(["'](?:node:)?child_process["']\)|from\s*["'](?:node:)?child_process["']/g;

describe('security: bundle contents', () => {
  for (const name of ['server.js', 'cli.js', 'webview.js']) {
    it(`${name} has no eval or Function constructor`, () => {
      const text = read(name);
      for (const re of [EVAL, FUNCTION_CTOR]) {
        const m = re.exec(text);
        assert.equal(m && text.slice(m.index - 80, m.index + 40), null);
      }
    });
  }

  for (const name of ['cli.js', 'webview.js']) {
    it(`${name} does not import child_process`, () => {
      assert.equal(read(name).match(CHILD_PROCESS), null);
    });
  }

  it("server.js uses child_process only inside vscode-languageserver's Files helpers", () => {
    const text = read('server.js');
    assert.equal(text.match(CHILD_PROCESS)?.length, 1);
    const start = text.indexOf('// node_modules/vscode-languageserver/lib/node/files.js');
    const end = text.indexOf('\n// ', start + 1);
    assert.ok(start >= 0 && end > start, 'files.js module not found in the bundle');
    const outside = [...text.matchAll(/child_process/g)].filter((m) => m.index < start || m.index > end);
    assert.deepEqual(outside.map((m) => text.slice(m.index - 60, m.index + 40)), []);
  });
});
