/**
 * Python source → DocumentModel: the layer stacks, activation uses and losses of PyTorch and
 * Keras/TensorFlow code.
 *
 * How it works. `@lezer/python` parses (error-tolerant: half-typed code keeps its complete
 * parts); syntax.ts converts the tree into a small AST. Names resolve through the file's imports
 * (`import torch.nn as nn`, `from tensorflow.keras.layers import Dense`); names nothing binds
 * fall back to the usual idioms (`nn`, `F`, `tf`, a bare `Dense` or `Sequential([...])`) unless
 * the file defines or imports them otherwise. A syntactic pass records every activation spelling
 * (modules, functional calls, tensor methods, `activation=` strings and callables) and every loss,
 * and marks gates (an activation whose output multiplies another tensor) and attention softmaxes.
 * An abstract evaluator then runs the module: it follows data ("flows") through layers, in the
 * order the code applies them, across assignments, calls of the file's own functions and
 * methods (forward, call, helpers such as VAE.decode), Sequential/ModuleList containers, loops
 * with a known count (a literal or a default argument) and both sides of undecidable branches.
 * Skip connections (`x + f(x)`) mark stacks residual; where branches merge (`torch.cat`, `q @ k`)
 * an opaque step stands in. A loss ties to the model whose output it reads (`criterion(netD(x), y)`,
 * `model.compile(loss=...)`, a loss function's parameter fed from `model(data)`).
 *
 * What it does not do. It does not run imports of other files (their classes are opaque layers),
 * does not evaluate constructors with call-site arguments (defaults only), takes a loop of
 * unknown length as running once, and drops what it cannot order: after an undecided branch that
 * changes the data flow, a stack restarts; a model whose output depends on such a branch has no
 * stack. Precision over recall: fewer, shorter stacks rather than wrong ones.
 *
 * Bounded: documents over a size limit or binary are skipped with a reason; brackets nested past
 * a depth limit cut the text there; the AST conversion caps recursion; the evaluator has a step
 * budget and a call-depth cap. It never throws.
 */

import type { DocumentModel } from '../../model/layerStack';
import { collectUses, scanEvidence } from './collect';
import { prepareSource } from './guard';
import { Interpreter } from './interpreter';
import { kerasVersion } from './kerasVersion';
import { LayerFactory } from './layers';
import { LineIndex } from './positions';
import { Registry } from './registry';
import { markRoles } from './roles';
import { buildScopes, Resolver } from './scopes';
import { finalizeStacks } from './stacks';
import { parseModule } from './syntax';

export function parsePython(text: string): DocumentModel {
  const prepared = prepareSource(text);
  if (prepared.skipped) return { stacks: [], activations: [], losses: [], skipped: prepared.skipped };
  try {
    return analyse(prepared.text);
  } catch (e) {
    // A defect here must not take the editor down: the document reads as not analysed.
    return { stacks: [], activations: [], losses: [], skipped: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function analyse(text: string): DocumentModel {
  const module = parseModule(text);
  const lines = new LineIndex(text);
  const table = buildScopes(module);
  const resolver = new Resolver(table);
  const evidence = scanEvidence(module, table, resolver);
  const use = { text, lines, kerasVersion: kerasVersion({ importPaths: table.importPaths, ...evidence }) };
  const registry = new Registry();
  collectUses(module, table, resolver, use, registry);
  markRoles(module, registry);
  const layers = new LayerFactory(lines);
  const candidates = new Interpreter({ lineCount: lines.lineCount, table, resolver, registry, layers, use }).run(module);
  const byPosition = <T extends { range: { start: { line: number; character: number } } }>(a: T, b: T) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  return {
    stacks: finalizeStacks(candidates, layers),
    activations: [...registry.activations.values()].sort(byPosition),
    losses: [...registry.losses.values()].sort(byPosition),
  };
}
