import * as assert from 'node:assert/strict';
import { opaque } from '../../webview/theme';

describe('theme colours', () => {
  it('draws translucent chart colours opaque', () => {
    assert.equal(opaque('rgba(234, 92, 0, 0.33)'), 'rgb(234, 92, 0)');
    assert.equal(opaque('#ea5c0054'), '#ea5c00');
  });

  it('keeps opaque colours as they are', () => {
    for (const c of ['#d18616', 'rgb(1, 2, 3)', 'hsl(10 50% 50%)', 'orange']) assert.equal(opaque(c), c);
  });
});
