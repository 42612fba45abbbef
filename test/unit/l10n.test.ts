import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalog from '../../src/core/text/catalog.json';

const root = path.join(__dirname, '../../..');
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('localization (English + Simplified Chinese)', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const english = new Set<string>(Object.values(catalog));

  it('every message has a Chinese translation with the same placeholders', () => {
    const missing: string[] = [];
    for (const [id, text] of Object.entries(catalog)) {
      const zh = bundle[text];
      if (!zh) {
        missing.push(id);
        continue;
      }
      assert.deepEqual(placeholders(zh), placeholders(text), `placeholders differ for ${id}`);
      assert.ok(zh !== text || /[\u4e00-\u9fff]/.test(zh), `${id} is not translated`);
    }
    assert.deepEqual(missing, []);
  });

  it('the bundle has no stale entries', () => {
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !english.has(k)),
      [],
    );
  });

  it('package.nls.json and package.nls.zh-cn.json cover every %key% of package.json', () => {
    const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...new Set([...pkgText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!))].sort();
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).sort(), keys, 'package.nls.json keys');
    assert.deepEqual(Object.keys(zh).sort(), keys, 'package.nls.zh-cn.json keys');
    for (const key of keys) assert.match(String(zh[key]), /[\u4e00-\u9fff]/, `${key} is not translated`);
  });
});
