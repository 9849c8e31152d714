// "Disable for this line" per syntax: where a comment may go in TF.js, YAML and prototxt, how an
// existing directive is extended, and that JSON and darknet files get no edit at all.
import * as assert from 'node:assert/strict';
import { lineSuppressor } from '../../server/lsp/suppressCommentSyntax';
import { applyEdits } from './client';

function disabled(syntax: Parameters<typeof lineSuppressor>[0], text: string, line: number, code = 'ACT010'): string | undefined {
  const edit = lineSuppressor(syntax, text)?.(line, code);
  return edit && applyEdits(text, [edit]).split('\n')[line];
}

describe('disable-for-this-line edits by syntax', () => {
  it('TF.js: appends a // comment, extends an existing directive, and stays out of template literals', () => {
    assert.equal(disabled('javascript', "const p = tf.sigmoid(x);\n", 0), 'const p = tf.sigmoid(x);  // activation-lens: ignore[ACT010]');
    assert.equal(disabled('javascript', 'const p = tf.sigmoid(x); // activation-lens: ignore[ACT020]\n', 0), 'const p = tf.sigmoid(x); // activation-lens: ignore[ACT020, ACT010]');
    assert.equal(disabled('javascript', 'const p = tf.sigmoid(x); // why\n', 0), 'const p = tf.sigmoid(x); // why  // activation-lens: ignore[ACT010]');
    assert.equal(disabled('javascript', 'const p = tf.sigmoid(x); // activation-lens: ignore\n', 0), undefined, 'a bare ignore covers it');
    assert.equal(disabled('javascript', 'const s = `a\nb`; tf.sigmoid(x);\n', 0), undefined, 'the line ends inside a template literal');
    assert.equal(disabled('javascript', 'tf.sigmoid(x); /* a\n b */\n', 0), undefined, 'the line ends inside a block comment');
  });

  it('YAML: a # after a blank starts a comment, a # inside a value or quotes does not', () => {
    assert.equal(disabled('yaml', '  activation: sigmoid\n', 0), '  activation: sigmoid  # activation-lens: ignore[ACT010]');
    assert.equal(disabled('yaml', '  activation: sigmoid # squashes\n', 0), '  activation: sigmoid # squashes  # activation-lens: ignore[ACT010]');
    assert.equal(disabled('yaml', '  name: "a # b"\n', 0), '  name: "a # b"  # activation-lens: ignore[ACT010]');
    assert.equal(disabled('yaml', '  url: http://x/#frag\n', 0), '  url: http://x/#frag  # activation-lens: ignore[ACT010]');
    assert.equal(disabled('yaml', '  name: "unterminated\n', 0), undefined);
  });

  it('prototxt: any # outside a string starts a comment', () => {
    assert.equal(disabled('prototxt', '  type: "Sigmoid"#note\n', 0), '  type: "Sigmoid"#note  # activation-lens: ignore[ACT010]');
    assert.equal(disabled('prototxt', '  type: "Sigmoid"  # activation-lens: ignore[]\n', 0), '  type: "Sigmoid"  # activation-lens: ignore[ACT010]');
  });

  it('JSON and darknet get no edit: JSON has no comments, darknet would read one as part of the value', () => {
    assert.equal(lineSuppressor('json', '{"a": 1}\n'), undefined);
    assert.equal(lineSuppressor('darknet', '[net]\nactivation=leaky\n'), undefined);
  });

  it('Python keeps its own rules (a # comment, checked against the lezer parse)', () => {
    assert.equal(disabled(undefined, 'x = torch.sigmoid(y)\n', 0), 'x = torch.sigmoid(y)  # activation-lens: ignore[ACT010]');
  });
});
