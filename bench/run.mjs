// `npm run bench`: runs every benchmark script in turn and prints their reports.
// Each script is self-contained (generates its own deterministic corpus) and prints a readable table.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = ['analysis.mjs', 'lsp.mjs', 'notebook.mjs'];
let failed = false;
for (const script of scripts) {
  const file = path.join(here, script);
  if (!existsSync(file)) {
    console.error(`bench: ${script} is missing`);
    failed = true;
    continue;
  }
  console.log(`\n=== ${script} ===`);
  const result = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
