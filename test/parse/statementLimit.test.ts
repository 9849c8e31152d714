// A top-level statement over MAX_STATEMENT_CHARS (a literal of weights spread over many lines) is
// left out unparsed; the statements around it are analysed as if it were not there.
import * as assert from 'node:assert/strict';
import { MAX_STATEMENT_CHARS } from '../../server/analysis/limits';
import { parsePython } from '../../server/parse/python';
import { parseModule, UnitCache } from '../../server/parse/python/units';

const BEFORE = 'import torch.nn as nn\n';
const AFTER = 'net = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 1))\n';

/** `W = [...]` with one row of numbers per line, `chars` characters long. */
function weights(chars: number): string {
  const row = '    0.1234, 0.5678, -0.91011, 0.1213,\n';
  return `W = [\n${row.repeat(Math.ceil(chars / row.length))}]\n`;
}

describe('python: statement size limit', () => {
  it('leaves out a statement over the limit and keeps the others at their offsets', () => {
    const text = BEFORE + weights(MAX_STATEMENT_CHARS) + AFTER;
    const statements = parseModule(text);
    assert.deepEqual(statements.map((s) => s.k), ['import', 'assign']);
    assert.equal(statements[1].from, text.indexOf('net ='));
    const model = parsePython(text);
    assert.deepEqual(model.stacks.map((s) => s.layers.map((l) => l.name)), [['nn.Linear', 'nn.Sigmoid', 'nn.Linear']]);
    assert.equal(model.stacks[0].range.start.line, text.slice(0, text.indexOf('net =')).split('\n').length - 1);
    // The user is told, on the statement's first line, what was left out and why.
    assert.equal(model.omitted?.length, 1);
    assert.deepEqual(model.omitted[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.match(model.omitted[0].reason, /^this statement: it has \d+ characters, over the 1,000,000-character limit for one statement/);
  });

  it('reports nothing omitted for a file without oversized statements, also through the parse cache', () => {
    const cache = new UnitCache();
    const big = BEFORE + weights(MAX_STATEMENT_CHARS) + AFTER;
    assert.equal(parsePython(big, cache).omitted?.length, 1);
    assert.equal(parsePython(big.replace('nn.Linear(4, 1)', 'nn.Linear(4, 2)'), cache).omitted?.length, 1, 'a cached oversized piece is still reported');
    assert.equal(parsePython(BEFORE + AFTER, cache).omitted, undefined);
  });

  it('parses a statement just under the limit', () => {
    const under = weights(MAX_STATEMENT_CHARS - 100);
    assert.ok(under.length <= MAX_STATEMENT_CHARS);
    assert.deepEqual(parseModule(BEFORE + under + AFTER).map((s) => s.k), ['import', 'assign', 'assign']);
  });

  it('gives the same tree with the parse cache as without', () => {
    const text = BEFORE + weights(MAX_STATEMENT_CHARS) + AFTER;
    const cache = new UnitCache();
    parseModule(text, cache);
    const edited = text.replace('nn.Linear(4, 1)', 'nn.Linear(4, 2)');
    assert.deepEqual(parseModule(edited, cache), parseModule(edited));
  });
});
