/**
 * Python source → DocumentModel: the layer stacks, activation uses and losses of PyTorch and
 * Keras/TensorFlow code.
 *
 * Pipeline. guard.ts skips binary and oversized documents and cuts text where brackets nest past
 * any real code. `@lezer/python` parses (error-tolerant: half-typed code keeps its complete parts)
 * each top-level statement on its own (chunks.ts); syntax.ts converts the tree, read into flat
 * arrays (flatTree.ts), into a small AST. A document's UnitCache (units.ts) keeps the statements of
 * its last version, so an edit re-parses only those it touched; the passes below run on the whole.
 * scopes.ts resolves names through the file's imports (`import torch.nn as nn`, `from
 * tensorflow.keras.layers import Dense`) and falls back to the usual idioms (`nn`, `F`, `tf`, a
 * bare `Dense` or `Sequential([...])`) for names nothing binds, unless the file defines or imports
 * them otherwise; kerasVersion.ts decides Keras 2 or 3. collect.ts records every activation
 * spelling (modules, functional calls, tensor methods, `activation=` strings and callables) and
 * every loss; roles.ts marks gates (an activation whose output multiplies another tensor) and
 * attention softmaxes. The evaluator (interpreter.ts) then runs the module over abstract values:
 * data ("flows", values.ts) passes through layers in the order the code applies them, across
 * assignments, calls of the file's own functions and methods (forward, call, helpers such as
 * VAE.decode), Sequential/ModuleList containers, loops with a known count (a literal or a
 * default argument) and both sides of undecidable branches (branches.ts). Skip connections
 * (`x + f(x)`, `out += identity`, `layers.Add()`) make a stack residual; where branches merge
 * (`torch.cat`, `q @ k`, a gate) an opaque step stands in. A loss ties to the model whose output
 * it reads: `criterion(netD(x), y)`, `model.compile(loss=...)`, a loss function's parameter fed
 * from `model(data)`, a loss the model's own code computes on its output (candidates.ts).
 * stacks.ts keeps stacks with a weighted layer and drops those another stack contains.
 *
 * Constructor calls run `__init__` with their arguments; a class read on its own runs it with
 * the defaults, except that a None default (an optional part switched off) is unknown. A function
 * read on its own gets the arguments every module-level call passes alike (moduleCalls.ts).
 *
 * Not done. Other files are not read (their classes are opaque layers); a loop of unknown length
 * counts as running once; an activation applied between a model and its loss
 * (`criterion(torch.sigmoid(model(x)), y)`) leaves the loss untied. Precision over recall: after an undecided branch that changes the
 * data flow the stack restarts, and a model whose output depends on one has no stack.
 *
 * Bounded on any input: size and nesting limits, a size limit per top-level statement (units.ts),
 * capped AST recursion, per-root and per-document step budgets and a call-depth cap in the
 * evaluator. It never throws.
 */

import { MAX_STATEMENT_CHARS } from '../../analysis/limits';
import type { DocumentModel, OmittedPart } from '../../model/layerStack';
import type { Span } from './ast';
import { collectUses, scanEvidence } from './collect';
import { prepareSource } from './guard';
import { Interpreter } from './interpreter';
import { recordInits } from './initializers';
import { importsDecide, kerasVersion } from './kerasVersion';
import { LayerFactory } from './layers';
import { LineIndex } from './positions';
import { Registry } from './registry';
import { markRoles } from './roles';
import { buildScopes, Resolver } from './scopes';
import { finalizeStacks } from './stacks';
import { parseModule, type UnitCache } from './units';

export { UnitCache } from './units';

/** `cache` (one per document) keeps the parsed pieces of the last version, for the next one. */
const NO_EVIDENCE = { tensorflowUsed: false, legacySpelling: false };

export function parsePython(text: string, cache?: UnitCache): DocumentModel {
  const prepared = prepareSource(text);
  if (prepared.skipped) return { stacks: [], activations: [], losses: [], skipped: prepared.skipped };
  try {
    return analyse(prepared.text, cache);
  } catch (e) {
    // A defect here must not take the editor down: the document reads as not analysed.
    return { stacks: [], activations: [], losses: [], skipped: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function analyse(text: string, cache: UnitCache | undefined): DocumentModel {
  const oversized: Span[] = [];
  const module = parseModule(text, cache, oversized);
  const lines = new LineIndex(text);
  const table = buildScopes(module);
  const resolver = new Resolver(table);
  const evidence = importsDecide(table.importPaths) ? NO_EVIDENCE : scanEvidence(module, table, resolver, text);
  const use = { text, lines, kerasVersion: kerasVersion({ importPaths: table.importPaths, ...evidence }) };
  const registry = new Registry();
  collectUses(module, table, resolver, use, registry);
  markRoles(module, registry, text);
  const layers = new LayerFactory(lines);
  const candidates = new Interpreter({ lineCount: lines.lineCount, table, resolver, registry, layers, use }).run(module);
  const byPosition = <T extends { range: { start: { line: number; character: number } } }>(a: T, b: T) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const stacks = finalizeStacks(candidates, layers);
  recordInits(module, table, resolver, layers, stacks, text);
  return {
    stacks,
    activations: [...registry.activations.values()].sort(byPosition),
    losses: [...registry.losses.values()].sort(byPosition),
    ...(oversized.length ? { omitted: oversized.map((s) => omittedStatement(s, lines)) } : {}),
  };
}

/** A statement left out for its size, marked on its first line. */
function omittedStatement(span: Span, lines: LineIndex): OmittedPart {
  const start = lines.range(span.from, span.from).start;
  return {
    range: { start, end: { line: start.line, character: start.character + 1 } },
    reason: `this statement: it has ${span.to - span.from} characters, over the ${MAX_STATEMENT_CHARS.toLocaleString('en-US')}-character limit for one statement (a literal of weights or data?)`,
  };
}
