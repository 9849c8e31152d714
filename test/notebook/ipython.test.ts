// IPython syntax in a cell → the Python the analyser reads: same line count, escapes neutralised
// only where IPython would see them, removed columns recorded.
import * as assert from 'node:assert/strict';
import { pythonCell } from '../../server/notebook/ipython';

function lines(text: string): string[] | undefined {
  return pythonCell(text)?.lines;
}

describe('notebook: IPython syntax', () => {
  it('turns line magics, shell escapes, help and the other escapes into pass, keeping indentation', () => {
    const cases: [string, string][] = [
      ['%matplotlib inline', 'pass'],
      ['!pip install -q torch', 'pass'],
      ['!!ls', 'pass'],
      ['model?', 'pass'],
      ['nn.Linear??', 'pass'],
      ['??nn.Linear', 'pass'],
      ['np.*load*?', 'pass'],
      ['%timeit -n 10 model(x)', 'pass'],
      ['/print 1 2', 'pass'],
      [',my_function a b', 'pass'],
      ['if IN_COLAB:\n    !pip install torch', 'if IN_COLAB:\n    pass'],
    ];
    for (const [input, expected] of cases) assert.deepEqual(lines(input), expected.split('\n'), input);
  });

  it('keeps assignments from escapes as assignments and the statement of %time', () => {
    assert.deepEqual(lines('files = !ls -la'), ['files = ...']);
    assert.deepEqual(lines('a, b = %sx echo 1'), ['a, b = ...']);
    const timed = pythonCell('    %time history = model.fit(x, y)\n    y = 1');
    assert.deepEqual(timed?.lines, ['history = model.fit(x, y)', 'y = 1']);
    assert.deepEqual(timed?.removals.get(0), [{ at: 0, width: 4 }, { at: 0, width: 6 }]);
  });

  it('leaves Python alone: operators, strings, comments, dicts, display()', () => {
    for (const text of [
      'x = a % b',
      'ok = not flag != True',
      'display(model)',
      'print("what?")',
      '# is this right?',
      's = """\n!not a shell escape\n%not a magic\n"""',
      'args = dict(\n    lr=1e-3,\n)',
    ]) {
      assert.deepEqual(lines(text), text.split('\n'), text);
    }
  });

  it('never treats a line inside brackets, a string or a backslash continuation as an escape', () => {
    assert.deepEqual(lines('x = foo(\n    !bar)\n'), ['x = foo(', '    !bar)', '']);
    assert.deepEqual(lines("s = 'a\\\n!b'\n!c"), ["s = 'a\\", "!b'", 'pass']);
    assert.deepEqual(lines('y = 1 + \\\n    2\n!ls'), ['y = 1 + \\', '    2', 'pass']);
    assert.deepEqual(lines("title = 'it\\'s'\n!echo done"), ["title = 'it\\'s'", 'pass'], 'an escaped quote does not end the string');
  });

  it('blanks the backslash continuations of an escape', () => {
    assert.deepEqual(lines('!pip install \\\n    torch \\\n    torchvision\nimport torch'), ['pass', '', '', 'import torch']);
  });

  it('reads the body of Python cell magics and skips cells that run something else', () => {
    assert.deepEqual(lines('%%time\nmodel.fit(x, y)'), ['', 'model.fit(x, y)']);
    assert.deepEqual(lines('\n%%capture out\n!pip install torch\nimport torch'), ['', '', 'pass', 'import torch']);
    assert.equal(pythonCell('%%bash\necho hi'), undefined);
    assert.equal(pythonCell('%%writefile model.py\nimport torch.nn as nn\nnet = nn.Sigmoid()'), undefined);
  });

  it("removes the first line's indentation from every line that has it, as IPython does", () => {
    const cell = pythonCell('\n    x = 1\n    if x:\n        y = 2\n  z = 3');
    assert.deepEqual(cell?.lines, ['', 'x = 1', 'if x:', '    y = 2', '  z = 3']);
    assert.deepEqual([...(cell?.removals.keys() ?? [])], [1, 2, 3]);
  });

  it('blanks a last statement that never ends, so it cannot run on into the next cell', () => {
    assert.deepEqual(lines('a = 1\nhead = nn.Sequential(\n    nn.Linear(10, 10),\n'), ['a = 1', '', '', '']);
    assert.deepEqual(lines('a = 1\n"""Notes, never closed.\n\nb = 2'), ['a = 1', '', '', '']);
    assert.deepEqual(lines('a = 1\nb = 2 + \\'), ['a = 1', '']);
    assert.deepEqual(lines('x = [1,\n 2]\n'), ['x = [1,', ' 2]', ''], 'closed: kept');
  });

  it('keeps every line: the line count is the cell’s, whatever the line endings', () => {
    const text = '%matplotlib inline\r\nimport torch\r\n!nvidia-smi\rx = 1';
    assert.deepEqual(lines(text), ['pass', 'import torch', 'pass', 'x = 1']);
  });
});
