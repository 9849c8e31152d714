// The text edits fixes are made of, on real snippets: layout kept, result still valid Python.
import * as assert from 'node:assert/strict';
import type { TextEdit } from '../../server/rules/types';
import { SourceText } from '../../server/rules/sourceText';
import { callAt, isPrimary, splitArgs } from '../../server/rules/pythonCall';
import { appendArgument, appliedCallAt, enclosingBracket, insertElementAfter, isLayerListItem, removeElement, removeMethodCall, unwrapCall } from '../../server/rules/fixEdits';
import { syntaxErrors } from './pythonSyntax';

function apply(src: SourceText, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return src.text.slice(0, src.offsetAt(edit.range.start)) + edit.newText + src.text.slice(src.offsetAt(edit.range.end));
}

/** Remove the element `needle` (first occurrence) of `text`. */
function removing(text: string, needle: string): string {
  const src = new SourceText(text);
  const start = text.indexOf(needle);
  const result = apply(src, removeElement(src, start, start + needle.length));
  assert.deepEqual(syntaxErrors(result), [], result);
  return result;
}

describe('SourceText', () => {
  it('converts offsets and positions across \\n and \\r\\n line ends', () => {
    const src = new SourceText('ab\r\ncd\nef');
    assert.deepEqual(src.positionAt(5), { line: 1, character: 1 });
    assert.equal(src.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(src.text.slice(src.lineStart(0), src.lineEnd(0)), 'ab');
    assert.equal(src.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
    assert.deepEqual(src.positionAt(99), { line: 2, character: 2 }, 'clamped to the text');
    assert.deepEqual(new SourceText('a\rb').positionAt(2), { line: 1, character: 0 }, 'a lone \\r ends a line');
  });
});

describe('pythonCall', () => {
  it('splits arguments around strings, comments and nested brackets', () => {
    const text = 'f(a, "x,)", g(1, 2), [3, 4],  # c, d\n  key = {"k": (5, 6)},\n)';
    const call = callAt(text, 0)!;
    assert.deepEqual(call.args.map((a) => text.slice(a.start, a.end)), ['a', '"x,)"', 'g(1, 2)', '[3, 4]', 'key = {"k": (5, 6)}']);
    assert.equal(call.args[4].keyword, 'key');
    assert.equal(text.slice(call.args[4].valueStart, call.args[4].end), '{"k": (5, 6)}');
    assert.deepEqual(splitArgs('()', 0, 1), []);
  });

  it('handles triple-quoted strings and escapes', () => {
    const text = `f("""a ) " b""", 'it\\'s')`;
    assert.deepEqual(callAt(text, 0)!.args.map((a) => text.slice(a.start, a.end)), ['"""a ) " b"""', "'it\\'s'"]);
  });

  it('tells primary expressions from ones that need parentheses', () => {
    for (const e of ['x', 'self.fc4(h3)', 'h[:, -1]', 'a.b(c)[0].d']) assert.ok(isPrimary(e), e);
    for (const e of ['a + b', 'x * w', '-x', 'a if b else c']) assert.ok(!isPrimary(e), e);
  });
});

describe('removeElement', () => {
  it('removes an item alone on its line with its comma and comment', () => {
    const text = 'm = nn.Sequential(\n    nn.Linear(4, 1),\n    nn.Sigmoid(),  # probability\n    nn.Flatten(0),\n)\n';
    assert.equal(removing(text, 'nn.Sigmoid()'), 'm = nn.Sequential(\n    nn.Linear(4, 1),\n    nn.Flatten(0),\n)\n');
  });

  it('removes the last item alone on its line, leaving the previous comma', () => {
    const text = 'm = nn.Sequential(\n    nn.Linear(4, 1),\n    nn.Sigmoid()\n)\n';
    assert.equal(removing(text, 'nn.Sigmoid()'), 'm = nn.Sequential(\n    nn.Linear(4, 1),\n)\n');
  });

  it('removes an inline item with the separating comma', () => {
    assert.equal(removing('m = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\n', 'nn.Sigmoid()'), 'm = nn.Sequential(nn.Linear(4, 1))\n');
    assert.equal(removing('m = nn.Sequential(nn.Sigmoid(), nn.Linear(4, 1))\n', 'nn.Sigmoid()'), 'm = nn.Sequential(nn.Linear(4, 1))\n');
    assert.equal(removing('m = nn.Sequential(nn.Sigmoid())\n', 'nn.Sigmoid()'), 'm = nn.Sequential()\n');
  });

  it('removes a keyword argument', () => {
    assert.equal(removing('layers.Dense(10, activation="softmax")\n', 'activation="softmax"'), 'layers.Dense(10)\n');
    assert.equal(removing('layers.Dense(\n    10,\n    activation="softmax",\n    name="out",\n)\n', 'activation="softmax"'), 'layers.Dense(\n    10,\n    name="out",\n)\n');
  });

  it('refuses what is not a list item', () => {
    const text = 'act = nn.Sigmoid() + 1\n';
    const src = new SourceText(text);
    assert.equal(removeElement(src, 6, 18), undefined);
  });
});

describe('unwrapCall and removeMethodCall', () => {
  it('replaces a call by its first argument, parenthesized when needed', () => {
    for (const [text, expected] of [
      ['return torch.sigmoid(self.fc4(h3))\n', 'return self.fc4(h3)\n'],
      ['y = F.log_softmax(x, dim=1)\n', 'y = x\n'],
      ['y = torch.sigmoid(a + b).mean()\n', 'y = (a + b).mean()\n'],
    ]) {
      const src = new SourceText(text);
      const result = apply(src, unwrapCall(src, callAt(text, text.search(/torch|F\./))!));
      assert.equal(result, expected);
      assert.deepEqual(syntaxErrors(result), []);
    }
  });

  it('unwraps an applied layer: layers.Activation("softmax")(x) → x', () => {
    const text = 'out = layers.Activation("softmax")(x)\n';
    const src = new SourceText(text);
    assert.equal(apply(src, unwrapCall(src, appliedCallAt(text, 6)!)), 'out = x\n');
  });

  it('removes a method call', () => {
    const text = 'return self.head(x).sigmoid()\n';
    const src = new SourceText(text);
    assert.equal(apply(src, removeMethodCall(src, text.indexOf('.sigmoid'))), 'return self.head(x)\n');
    assert.equal(removeMethodCall(src, text.indexOf('.head')), undefined, 'a call with arguments is not removed');
  });
});

describe('appendArgument and insertElementAfter', () => {
  it('appends after the last argument, or inside empty parentheses', () => {
    for (const [text, expected] of [
      ['nn.Softmax()', 'nn.Softmax(dim=-1)'],
      ['F.softmax(scores)', 'F.softmax(scores, dim=-1)'],
      ['F.softmax(\n    scores,\n)', 'F.softmax(\n    scores, dim=-1,\n)'],
    ]) {
      const src = new SourceText(text);
      assert.equal(apply(src, appendArgument(src, callAt(text, 0)!, 'dim=-1')), expected);
    }
  });

  it('inserts a list item on its own line with the same indentation, or inline', () => {
    const text = 'nn.Sequential(\n    nn.Linear(784, 256),  # in\n    nn.Linear(256, 10),\n)\n';
    const src = new SourceText(text);
    const start = text.indexOf('nn.Linear(784');
    const result = apply(src, insertElementAfter(src, start, start + 'nn.Linear(784, 256)'.length, 'nn.ReLU()'));
    assert.equal(result, 'nn.Sequential(\n    nn.Linear(784, 256),  # in\n    nn.ReLU(),\n    nn.Linear(256, 10),\n)\n');
    const inline = 'nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n';
    const isrc = new SourceText(inline);
    assert.equal(apply(isrc, insertElementAfter(isrc, 14, 29, 'nn.ReLU()')), 'nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\n');
  });

  it('recognises layer lists and nothing else', () => {
    const text = 'a = nn.Sequential(nn.ReLU())\nb = keras.Sequential([layers.ReLU()])\nc = nn.Sequential(OrderedDict([("r", nn.ReLU())]))\nd = foo(nn.ReLU())\ne = nn.Sequential(\n    "(", nn.ReLU(),  # )\n)\n';
    const src = new SourceText(text);
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    assert.ok(isLayerListItem(src, at('nn.ReLU')));
    assert.ok(isLayerListItem(src, at('layers.ReLU')));
    assert.ok(!isLayerListItem(src, at('nn.ReLU', at('c ='))));
    assert.ok(!isLayerListItem(src, at('nn.ReLU', at('d ='))));
    assert.ok(isLayerListItem(src, at('nn.ReLU', at('e ='))), 'brackets in strings and comments do not count');
    assert.equal(enclosingBracket(src, at('nn.ReLU', at('e =')))?.open, at('(', at('e =')));
    assert.equal(enclosingBracket(src, 0), undefined);
  });
});
