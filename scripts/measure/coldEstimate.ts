// Time of the init-aware estimate of a 12-layer MLP (width 128) when nothing is cached: the first
// in a fresh process (nothing compiled, empty moment lattice), then for other activations and
// inits in the same process (compiled code, lattice entries not yet computed for them), then at
// widths no stack had (an edit to a layer width: under PyTorch's default init the bias bound is
// 1/√fan_in, so the whole lattice row is new), then warm (lattice filled, the stack itself
// recomputed). With --warm-up, the language server's start-up warm-up (warmUpEstimates) runs first.
// Run: npx tsx scripts/measure/coldEstimate.ts [--warm-up] [--json]
import { warmUpEstimates } from '../../server/analysis/stackGradient';
import { estimateStack, NAMED_INITS, plainStack, type InitName } from '../../shared/activations';

const DEPTH = 12;
const WIDTH = 128;

function timed(id: string, init: InitName, width = WIDTH): number {
  const items = plainStack(Array.from({ length: DEPTH }, () => ({ kind: 'activation' as const, id })), NAMED_INITS[init], width);
  const t0 = performance.now();
  estimateStack(items);
  return performance.now() - t0;
}

const cases: [string, InitName][] = [
  ['tanh', 'torch-default'], ['sigmoid', 'torch-default'], ['relu', 'torch-default'], ['gelu', 'torch-default'], ['silu', 'torch-default'],
  ['tanh', 'glorot-uniform'], ['sigmoid', 'glorot-uniform'], ['relu', 'he-normal'], ['elu', 'glorot-uniform'],
];
if (process.argv.includes('--warm-up')) warmUpEstimates((step) => step());
const first = { case: cases[0].join(' '), ms: timed(...cases[0]) };
const cold = cases.slice(1).map(([id, init]) => ({ case: `${id} ${init}`, ms: timed(id, init) }));
const NEW_WIDTHS = [97, 101, 103, 107, 109];
const newWidth = ['gelu', 'silu', 'tanh'].map((id) => {
  const ms = NEW_WIDTHS.map((w) => timed(id, 'torch-default', w)).sort((a, b) => a - b);
  return { case: `${id} torch-default`, medianMs: ms[ms.length >> 1], maxMs: ms[ms.length - 1] };
});
const warm = cases.map(([id, init]) => ({ case: `${id} ${init}`, ms: timed(id, init) }));
const max = (list: { ms: number }[]) => Math.max(...list.map((c) => c.ms));
const result = {
  depth: DEPTH, width: WIDTH, warmUp: process.argv.includes('--warm-up'), firstInProcessMs: first.ms, coldLatticeMaxMs: max(cold),
  newWidthMaxMs: Math.max(...newWidth.map((c) => c.maxMs)), warmMaxMs: max(warm), cold, newWidth, warm,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`first estimate in a fresh process${process.argv.includes('--warm-up') ? ' after the warm-up' : ''} (${first.case}): ${first.ms.toFixed(1)} ms`);
  for (const c of cold) console.log(`cold lattice, compiled code: ${c.case.padEnd(22)} ${c.ms.toFixed(1)} ms`);
  for (const c of newWidth) console.log(`new width (${NEW_WIDTHS.join(', ')}): ${c.case.padEnd(18)} median ${c.medianMs.toFixed(1)} ms, max ${c.maxMs.toFixed(1)} ms`);
  console.log(`warm (lattice filled): max ${max(warm).toFixed(1)} ms`);
}
