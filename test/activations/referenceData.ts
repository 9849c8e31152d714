// Typed access to the committed reference tables (made by scripts/reference/*.py).
import * as fs from 'node:fs';
import * as path from 'node:path';

const DATA = path.resolve(__dirname, '..', 'data', 'activations');

export interface RefPoint {
  x: number;
  f: number;
  df: number;
}

export interface RefCase {
  id: string;
  params: Record<string, number | string>;
  points: RefPoint[];
  meanDerivative: number;
  meanSquaredDerivative: number;
}

export interface Reference {
  cases: RefCase[];
  extrema: { id: string; params: Record<string, number | string>; argMin: number; min: number; argMaxDerivative: number; maxDerivative: number }[];
  vectors: { x: number[]; softmax: number[]; softmaxDiagonal: number[]; logSoftmax: number[]; logSoftmaxDiagonal: number[] }[];
  erfc: { x: number; value: number }[];
}

export interface TorchCase {
  id: string;
  params: Record<string, number | string>;
  points: (RefPoint & { kink: boolean })[];
}

function load<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as T;
}

export const reference = load<Reference>('reference.json');
export const torchKinks = load<{ torch: string; cases: TorchCase[] }>('pytorch-kinks.json');

/** |got − want| within `rel`·|want|, or within 1e-300 absolutely (values that underflow). */
export function close(got: number, want: number, rel: number): boolean {
  const err = Math.abs(got - want);
  return err <= 1e-300 || err <= rel * Math.abs(want);
}
