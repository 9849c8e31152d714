// Inline `# activation-lens: ignore[...]` comments and the file-level `ignore-file`.
import * as assert from 'node:assert/strict';
import { isSuppressed, scanSuppressions } from '../../server/analysis/suppressions';

describe('suppressions', () => {
  it('reads codes, bare ignores and trailing reasons at line ends', () => {
    const s = scanSuppressions([
      'a = 1  # activation-lens: ignore[ACT010]',
      'b = 2  # activation-lens: ignore[act010, ACT020] low-rank factorization',
      'c = 3  # activation-lens: ignore',
      'd = 4  # noqa: E501  # activation-lens: ignore[ACT031]',
      'e = 5  # activation-lens: ignored',
    ].join('\n'));
    assert.ok(isSuppressed(s, 'ACT010', 0));
    assert.ok(!isSuppressed(s, 'ACT020', 0));
    assert.ok(isSuppressed(s, 'ACT010', 1) && isSuppressed(s, 'ACT020', 1));
    assert.ok(isSuppressed(s, 'ACT040', 2));
    assert.ok(isSuppressed(s, 'ACT031', 3));
    assert.ok(!isSuppressed(s, 'ACT010', 4), '"ignored" is not the directive');
    assert.ok(!isSuppressed(s, 'ACT010', 5));
  });

  it('turns the whole file off with a full-line ignore-file comment, and only then', () => {
    assert.ok(scanSuppressions('import torch\n\n    # activation-lens: ignore-file\nx = 1\n').file);
    assert.ok(!scanSuppressions('x = 1  # activation-lens: ignore-file\n').file);
    assert.ok(!scanSuppressions('import torch\n').file);
  });

  it('counts \\r\\n lines like \\n lines', () => {
    const s = scanSuppressions('a = 1\r\nb = 2  # activation-lens: ignore[ACT010]\r\n');
    assert.ok(isSuppressed(s, 'ACT010', 1));
  });
});
