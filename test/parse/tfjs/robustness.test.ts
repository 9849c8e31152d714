// Any input to the TF.js parser: files that never mention TF.js are not parsed, pathological
// nesting and binary or huge text are one problem, half-typed code keeps its complete parts.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CHARS } from '../../../server/parse/python/guard';
import { MAX_NESTING, parseTfjs } from '../../../server/parse/tfjs/index';
import { parse } from './helpers';

const IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('TF.js parser robustness', function () {
  this.timeout(20000);

  it('does not parse sources that never mention TF.js, however large', () => {
    const text = 'export const x = [1, 2, 3];\n'.repeat(100_000);
    const { value, ms } = timed(() => parseTfjs(text, 'ts'));
    assert.deepEqual(value, { stacks: [], activations: [], losses: [], syntax: 'javascript' });
    assert.ok(ms < 100, `${ms} ms`);
  });

  it('passes over minified bundles quietly', () => {
    const bundle = `${IMPORT}${"var a=tf.sequential();a.add(tf.layers.dense({units:2,activation:'relu'}));".repeat(400)}\n`;
    assert.deepEqual(parseTfjs(bundle, 'jsx'), { stacks: [], activations: [], losses: [], syntax: 'javascript' });
  });

  it(`refuses brackets nested deeper than ${MAX_NESTING} levels with one problem, before parsing`, () => {
    const { value, ms } = timed(() => parseTfjs(`${IMPORT}const x = ${'['.repeat(100_000)}${']'.repeat(100_000)};\n`, 'ts'));
    assert.equal(value.skipped, `brackets nested deeper than ${MAX_NESTING} levels (line 2)`);
    assert.ok(ms < 500, `${ms} ms`);
    assert.equal(parseTfjs(`${IMPORT}const s = "${'('.repeat(1000)}"; // ${'{'.repeat(1000)}\n`, 'ts').skipped, undefined, 'brackets in strings and comments do not count');
  });

  it('refuses binary and oversized text', () => {
    assert.equal(parseTfjs(`${IMPORT}\0\0`, 'ts').skipped, 'file looks binary');
    assert.equal(parseTfjs(`${IMPORT}${' '.repeat(MAX_CHARS)}`, 'ts').skipped, `file is larger than ${MAX_CHARS.toLocaleString('en')} characters`);
  });

  it('keeps the complete model of a file whose end is half-typed', () => {
    const p = parse(`${IMPORT}const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, activation: 'relu'}));\nm.add(tf.layers.dense({units: 1, activ`);
    assert.deepEqual(p.layers(), ['linear tf.layers.dense→relu', 'linear tf.layers.dense']);
  });

  it('analyses a 1 MB model file in bounded time', () => {
    const text = `${IMPORT}const m = tf.sequential();\n${"m.add(tf.layers.dense({units: 4, activation: 'relu'}));\n".repeat(18_000)}`;
    const { value, ms } = timed(() => parseTfjs(text, 'ts'));
    assert.equal(value.stacks[0].layers.length, 18_000);
    assert.ok(ms < 5000, `${(text.length / 1e6).toFixed(2)} MB in ${ms} ms`);
  });

  it('never throws on arbitrary fragments, and keeps ranges inside the document', () => {
    const fragments = fc.constantFrom(
      IMPORT, 'tf.sequential(', 'tf.layers.dense({', "activation: 'relu'", '})', ')', '(', '{', '}', '[', ']', ',', ';', '\n', 'model.add(',
      '.apply(', 'x', '.sigmoid()', 'tf.losses.sigmoidCrossEntropy(', 'function f() {', 'return ', 'class A {', 'constructor() {', 'this.m = ',
      'for (let i = 0; i < 3; i++) ', '=>', 'const ', '= ', '`', '"', '/*', '//', 'compile({loss: ', 'tf.model({outputs: ', 'tf.input({shape: [2]})',
    );
    fc.assert(fc.property(fc.array(fragments, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const model = parseTfjs(text, 'ts');
      const lines = text.split(/\r\n|\r|\n/);
      for (const r of [...model.activations.map((a) => a.range), ...model.stacks.flatMap((s) => [s.range, ...s.layers.map((l) => l.range)])]) {
        for (const p of [r.start, r.end]) assert.ok(p.line < lines.length && p.character <= lines[p.line].length);
      }
    }), { numRuns: 300 });
  });
});
