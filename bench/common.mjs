// Helpers the benchmark scripts share: an in-process bundle of server modules, a seeded PRNG for
// deterministic corpora, and the order statistics every figure is reported with.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `source` (TypeScript re-exporting server modules, paths relative to the repository root)
 * to `outfile` and loads it, so a script times the code as shipped without a TypeScript loader.
 */
export async function loadBundle(source, outfile) {
  await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
    // As in esbuild.mjs: jsonc-parser's UMD build cannot be bundled, its ESM build can.
    alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
  });
  return createRequire(import.meta.url)(outfile);
}

/** mulberry32: a small seeded PRNG, so a corpus is the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank quantile of sorted samples. */
function quantile(sorted, q) {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1] };
}
