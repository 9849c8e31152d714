import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DOC_PATH, renderActivationsDoc } from '../../scripts/activations-doc';

describe('docs/activations.md', () => {
  it('is what the registry renders (run `npx tsx scripts/activations-doc.ts` after changing the core)', () => {
    assert.equal(fs.readFileSync(DOC_PATH, 'utf8'), renderActivationsDoc());
  });
});
