// The fast YAML reader against the `yaml` package it stands in for: on every document it accepts,
// the same tree (maps, sequences, scalar values, [start, end] offsets of every node) as the
// package's document copied into it, and no error from the package; everything outside its subset
// is left to the package.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { readYamlSubset } from '../../../server/parse/config/yamlSubset';
import { fromPackage, MAX_YAML_DEPTH } from '../../../server/parse/config/yamlTree';

/** Whether the reader took the document; when it did, the package must read it the same. */
function sameAsPackage(text: string): boolean {
  const fast = readYamlSubset(text, MAX_YAML_DEPTH);
  if (!fast) return false;
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  assert.deepEqual(doc.errors.map((e) => e.message), [], text);
  assert.deepEqual(fast, fromPackage(doc.contents), text);
  return true;
}

function* yamlFixtures(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFixtures(file);
    else if (/\.ya?ml$/.test(entry.name)) yield file;
  }
}

describe('fast YAML reader', () => {
  it('reads the YAML fixtures as the yaml package does', () => {
    const files = [...yamlFixtures(path.join(__dirname, '../../fixtures'))];
    assert.ok(files.length >= 7);
    for (const file of files) assert.ok(sameAsPackage(readFileSync(file, 'utf8')), file);
  });

  it('reads block maps and sequences, compact maps in items, flow rows, comments, empty values and scalar types as the package does', () => {
    const cases = [
      'a: 1\nb:\n  - x: 1\n    y: [1, "a b", c]  # c\n  -  z\n\nc:\n\nd: ~\n',
      'backbone:\n  - [-1, 1, Conv, [64, 3, 2]] # 0\n  - [[-1, 6], 1, Concat, [1]]\nhead: []\n',
      'c:\nd:\n  - 1  \n\n# end\n',
      'scales: # c\n  # d\n  n: [1]\nb: 2', 'backbone:\n  # c\n  - [x]\n\n# h\nhead:\n  - y\n', 'a:\n  - x: 1\n    # c\n    y: 2\n  # d\n  - z',
      'backbone:\n  # [from, number, module, args]\n  [\n    [-1, 1, Conv, [64, 6, 2, 2]], # 0-P1/2\n\n    [-1, 3, C3, [128]],\n  ]\nhead: [a, b,]\n',
      '- # n\n  a: 1\n- [a, b]   # x\n',
      'k:\n  - a: 1\n    b:\n  - c',
      'a:\n- x\n- y\nb: {k: v, "q": \'it\'\'s\', n: [1, {m: -2.5e3}]}',
      'n: [0x1F, 0o17, 017, +12, -0, .5, 1., 1e3, .inf, -.Inf, .nan, ~, null, Null, "null", true, False, yes, no, on]',
      'act: nn.LeakyReLU(0.1)\nurl: http://x.y/z#frag\nhash: a#b\nbrackets: a[1]{2},3\n"quoted key": 1\n\'single\': 2\n',
      'a:\n    deep:\n        deeper: 1\n    back: 2\nc: 3',
      'x: 1', 'x:', '- 1', '-', 'a: []\nb: {}\nc: [ ]\nd: { }',
    ];
    for (const text of cases) assert.ok(sameAsPackage(text), text);
  });

  it('leaves anything outside its subset to the package', () => {
    const cases = [
      'a: &x 1\nb: *x', 'a: !!str 1', 'a: |\n  text', 'a: >\n  text', 'a: some\n  continued', 'a: "multi\n  line"', 'a: "esc\\n"',
      '---\na: 1', '%YAML 1.2\n---\na: 1', 'a: 1\n---\nb: 2', 'a:\t1', 'a: 1\r\nb: 2', '\uFEFFa: 1', '? a\n: b', 'a : 1', '- - x', 'a: b: c', 'a: 1\n  b: 2', 'a: [x: 1]', 'just a scalar', '', '# only a comment\n',
      'a: {b}', 'a: [1] trailing', 'a: "x" y', 'a: 1\n- b', 'a: [1,\n2]', 'a: [x\n  y]', 'a: [1,,2]', 'a: [1 #c\n  ]',
      // Comments after an empty value or deeper than the next line belong to nodes before them.
      'a:\n# c\nb: 1', 'a:\n  # comment at depth\n\nb: 1\n', 'a: # c\nb: 1', 'a:\n  x: 1\n  # c\nb: 1', '- a: 1\n  # c\n- 2', 'a:\n  - x\n  # c\n', '- 1\n# k\n-\n',
    ];
    for (const text of cases) assert.equal(readYamlSubset(text, MAX_YAML_DEPTH), undefined, JSON.stringify(text));
  });

  it('agrees with the package on generated documents', () => {
    const scalar = fc.constantFrom(
      '1', '-1', '0', '3.5', '1e3', '0x10', '.inf', '~', 'null', 'true', 'False', 'yes', 'relu', 'nn.SiLU()', 'Conv', 'a b', 'a#b',
      '"q"', "'s'", "'it''s'", '"a: b"', '-x', 'a:b', 'x]', '[1, 2]', '[-1, 1, Conv, [64, 3, 2]]', '{a: 1, b: [x, y]}', '[]', '{}', '',
      '[1,\n2]', '[\n[-1, 1, Conv], # c\n\n[x, {k: v}],\n]',
    );
    const comment = fc.constantFrom('', '', ' # c', '  #c');
    /** Lines after an entry: nothing, a blank line, or a comment at some indentation. */
    const after = fc.constantFrom([], [], [''], ['# k'], ['  # k'], ['    # k']);
    const node: fc.Memo<string[]> = fc.memo((n) =>
      n <= 1
        ? scalar.map((s) => [s])
        : fc.oneof(
          scalar.map((s) => [s]),
          fc.array(fc.tuple(fc.constantFrom('a', 'b', 'act', 'type', '"k"', '1'), node(n - 1), comment, after), { minLength: 1, maxLength: 4 })
            .map((entries) => ['{map}', ...entries.flatMap(([k, v, c, a]) => [...entry(`${k}:`, v, c), ...a])]),
          fc.array(fc.tuple(node(n - 1), comment, after), { minLength: 1, maxLength: 4 })
            .map((items) => ['{seq}', ...items.flatMap(([v, c, a]) => [...entry('-', v, c), ...a])]),
        ));
    /** `head value` (its further lines indented past the head), or `head` and the block below it, indented. */
    function entry(head: string, value: string[], c: string): string[] {
      if (value[0] !== '{map}' && value[0] !== '{seq}') {
        const [first, ...rest] = value[0].split('\n');
        return [`${head}${first ? ` ${first}` : ''}`, ...rest.map((l) => `    ${l}`)].map((l, i, all) => (i === all.length - 1 ? l + c : l));
      }
      return [`${head}${c}`, ...value.slice(1).map((l) => `  ${l}`)];
    }
    const doc = fc.tuple(node(4), fc.constantFrom('', '\n', '\n\n# end\n'), fc.constantFrom('', '# head\n', '\n')).map(([lines, tail, head]) =>
      lines[0] === '{map}' || lines[0] === '{seq}' ? `${head}${lines.slice(1).join('\n')}${tail}` : `${head}a: ${lines[0]}${tail}`);
    let accepted = 0;
    fc.assert(fc.property(doc, (text) => {
      if (sameAsPackage(text)) accepted++;
    }), { numRuns: 1000 });
    assert.ok(accepted > 250, `${accepted} of 1000 generated documents read by the fast reader`);
  });
});
