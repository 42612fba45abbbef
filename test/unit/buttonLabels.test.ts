// Button labels fit a notification without being cut (the defect: "Check the Way Trae Calls It (Use…"):
// every notification button's label, in English and in Chinese, is at most 25 characters wide (a Chinese
// character is as wide as two Latin ones). The buttons are every `ui.action.*` message (src/editor/actions.ts
// names each button by one) and every MessageItem built in src/ from a message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalog from '../../src/core/text/catalog.json';

const root = path.join(__dirname, '../../..');
const MAX_WIDTH = 25;

/** Columns a text takes: East Asian wide and full-width characters count two. */
function width(text: string): number {
  let columns = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    columns += wide ? 2 : 1;
  }
  return columns;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The message ids of MessageItems written out in src/: objects with a title only (`{ title: t('id') }`). */
function messageItemIds(): string[] {
  const ids = sourceFiles(path.join(root, 'src')).flatMap((file) => [
    ...fs.readFileSync(file, 'utf8').matchAll(/\{\s*title: t\('([\w.]+)'\),?\s*\}/g),
  ]);
  return ids.map((m) => m[1]!);
}

describe('notification button labels fit (at most 25 characters, English and Chinese)', () => {
  const messages = catalog as Record<string, string>;
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
    string,
    string
  >;
  const items = messageItemIds();
  const buttons = [...new Set([...Object.keys(messages).filter((id) => id.startsWith('ui.action.')), ...items])];

  it('finds the buttons written out in the code (the kept key notification, Clear, the first run)', () => {
    for (const id of [
      'ui.action.keepWorkingKey',
      'ui.action.storeKeyAnyway',
      'ui.clearKey.remove',
      'ui.firstRun.later',
    ])
      assert.ok(items.includes(id), `${id} not found: the pattern no longer matches how buttons are made`);
  });

  it('every label, in both languages', () => {
    const tooWide = buttons.flatMap((id) => {
      const english = messages[id];
      assert.ok(english !== undefined, `${id} is not in the catalog`);
      const chinese = bundle[english];
      assert.ok(chinese !== undefined, `${id} has no Chinese translation`);
      return [english, chinese].filter((label) => width(label) > MAX_WIDTH).map((label) => `${id}: "${label}"`);
    });
    assert.deepEqual(tooWide, []);
  });
});
