// Types of common.mjs, for the TypeScript bench script (activation.ts).
export declare const root: string;
export declare function loadBundle(source: string, outfile: string): Promise<Record<string, unknown>>;
export declare function rng(seed: number): () => number;
export declare function stats(samples: readonly number[]): { n: number; median: number; p95: number; min: number; max: number };
