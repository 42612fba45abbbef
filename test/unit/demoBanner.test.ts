// What `npm run demo` tells a new user must match what they then see (defect: the banner said the status
// bar shows "Pool: set up"; it shows "Pool: not set up").
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderMsg } from '../../src/core/text/messages';

const root = path.join(__dirname, '../../..');

interface BannerModule {
  FIRST_STATUS_TEXT: string;
  demoBanner(options: {
    editorUrl: string;
    editorVersion: string;
    poolUrl: string;
    key: string;
    scenarios: string;
    extraLines?: string[];
  }): string;
}

describe('the demo banner', () => {
  it('names the status bar text a fresh profile shows, from the same catalog the status bar uses', async () => {
    const banner = (await import(pathToFileURL(path.join(root, 'scripts', 'demo-banner.mjs')).href)) as BannerModule;
    const shown = renderMsg({ id: 'ui.status.textSetUp' });
    assert.equal(shown, 'Pool: not set up');
    assert.equal(banner.FIRST_STATUS_TEXT, shown);
    const text = banner.demoBanner({
      editorUrl: 'http://127.0.0.1:1/',
      editorVersion: '4.100.3',
      poolUrl: 'http://localhost:4000/v1',
      key: 'sk-cxp-…',
      scenarios: 'down  # the pool is down',
    });
    assert.match(text, /The status bar shows "Pool: not set up"/);
    assert.doesNotMatch(text, /"Pool: set up"/);
    assert.match(text, / {2}down {2}# the pool is down/);
  });
});
