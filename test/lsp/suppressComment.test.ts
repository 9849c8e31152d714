import * as assert from 'node:assert/strict';
import { suppressEdit } from '../../server/lsp/suppressComment';
import { applyEdits } from './client';

function suppress(text: string, line: number, code: string): string | undefined {
  const edit = suppressEdit(text, line, code);
  return edit && applyEdits(text, [edit]);
}

describe('lsp: disable-for-this-line edit', () => {
  it('appends the directive two spaces after the code, dropping trailing blanks', () => {
    assert.equal(suppress('x = nn.Sigmoid()   \ny = 1\n', 0, 'ACT010'), 'x = nn.Sigmoid()  # activation-lens: ignore[ACT010]\ny = 1\n');
  });

  it('keeps an existing comment and appends after it', () => {
    assert.equal(suppress('    nn.Sigmoid(),  # squash\n', 0, 'ACT010'), '    nn.Sigmoid(),  # squash  # activation-lens: ignore[ACT010]\n');
  });

  it('extends an existing directive instead of adding a second one', () => {
    assert.equal(suppress('x = f()  # activation-lens: ignore[ACT001]\n', 0, 'ACT010'), 'x = f()  # activation-lens: ignore[ACT001, ACT010]\n');
    assert.equal(suppress('x = f()  # activation-lens: ignore[] reason\n', 0, 'ACT010'), 'x = f()  # activation-lens: ignore[ACT010] reason\n');
    assert.equal(
      suppress('x = f()  # activation-lens: ignore-file is not a line directive\n', 0, 'ACT010'),
      'x = f()  # activation-lens: ignore-file is not a line directive  # activation-lens: ignore[ACT010]\n',
    );
  });

  it('offers nothing when the line already suppresses the code or every rule', () => {
    assert.equal(suppressEdit('x = f()  # activation-lens: ignore[ACT001, ACT010]\n', 0, 'ACT010'), undefined);
    assert.equal(suppressEdit('x = f()  # activation-lens: ignore\n', 0, 'ACT010'), undefined);
    assert.equal(suppressEdit('x = f()  # activation-lens: ignore[act010]\n', 0, 'ACT010'), undefined);
  });

  it('never puts a comment inside a multi-line string or after a line continuation', () => {
    assert.equal(suppressEdit('s = """sigmoid\nmore"""\n', 0, 'ACT010'), undefined);
    assert.equal(suppressEdit('y = torch.sigmoid(x) + \\\n    1\n', 0, 'ACT010'), undefined);
  });

  it('treats a # inside a string as code, not as a comment', () => {
    assert.equal(suppress('x = f("# not a comment")\n', 0, 'ACT010'), 'x = f("# not a comment")  # activation-lens: ignore[ACT010]\n');
  });

  it('works inside a bracketed multi-line call and with CRLF line ends', () => {
    const text = 'm = nn.Sequential(\r\n    nn.Sigmoid(),\r\n)\r\n';
    assert.equal(suppress(text, 1, 'ACT010'), 'm = nn.Sequential(\r\n    nn.Sigmoid(),  # activation-lens: ignore[ACT010]\r\n)\r\n');
  });

  it('handles the last line without a newline and a line past the end', () => {
    assert.equal(suppress('x = torch.sigmoid(y)', 0, 'ACT010'), 'x = torch.sigmoid(y)  # activation-lens: ignore[ACT010]');
    assert.equal(suppressEdit('x = 1\n', 5, 'ACT010'), undefined);
  });
});
