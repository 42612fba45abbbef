// The Pool API key does not stay on the clipboard: "Copy" on the Trae step clears it after a minute, only
// if the clipboard still holds exactly that key. Fake clock, fake clipboard; the controller as the panel
// wires it (wizardHarness) and the KeyClipboard on its own.
import * as assert from 'node:assert/strict';
import { KeyClipboard } from '../../src/wizard/checks/copying';
import { KEY_ON_CLIPBOARD_SECONDS } from '../../src/wizard/protocol/limits';
import { flush } from './fakes/async';
import { FakeClipboard } from './fakes/clipboard';
import { FakeClock } from './fakes/clock';
import { FakeLog } from './fakes/log';
import { KEY, OTHER_KEY } from './wizardFixtures';
import { setup } from './wizardHarness';

const MINUTE = KEY_ON_CLIPBOARD_SECONDS * 1000;

/** Moves the fake clock, then lets the clipboard's reads and writes land. */
async function after(clock: FakeClock, ms: number): Promise<void> {
  await clock.advance(ms);
  await flush();
}

function standalone() {
  const clipboard = new FakeClipboard();
  const clock = new FakeClock();
  const log = new FakeLog();
  return { clipboard, clock, log, keys: new KeyClipboard({ clipboard, clock, log }) };
}

describe('the key does not stay on the clipboard', () => {
  it('is 60 seconds, as password managers do it (KeePassXC 10 s, 1Password 90 s)', () => {
    assert.equal(KEY_ON_CLIPBOARD_SECONDS, 60);
  });

  it('Copy of the API Key: on the clipboard at once, cleared after 60 s and not a moment before', async () => {
    const { controller, clock, systemClipboard, log } = await setup({ key: KEY });
    await controller.copy('apiKey');
    assert.equal(systemClipboard.text, KEY);
    await after(clock, MINUTE - 1);
    assert.equal(systemClipboard.text, KEY, 'still there at 59.999 s');
    await after(clock, 1);
    assert.equal(systemClipboard.text, '', 'cleared at 60 s');
    assert.equal(clock.pending(), 0, 'no timer left');
    assert.ok(log.lines.some((l) => l.includes('cleared from the clipboard')));
    assert.ok(!log.lines.some((l) => l.includes(KEY.slice(20))), 'nothing logs the key');
  });

  it('something the user copied in between is never cleared', async () => {
    const { controller, clock, systemClipboard } = await setup({ key: KEY });
    await controller.copy('apiKey');
    await after(clock, 10_000);
    systemClipboard.userCopies('my own text');
    await after(clock, MINUTE);
    assert.equal(systemClipboard.text, 'my own text');
    assert.deepEqual(systemClipboard.writes, [KEY], 'nothing was written after the key');
  });

  it('another field copied from the wizard in between stays too', async () => {
    const { controller, clock, systemClipboard } = await setup({ key: KEY });
    await controller.copy('apiKey');
    await controller.copy('requestUrl');
    await after(clock, 2 * MINUTE);
    assert.equal(systemClipboard.text, 'value of requestUrl');
  });

  it('the key copied, then something else, then the key again: cleared 60 s after the last copy', async () => {
    const { controller, clock, systemClipboard } = await setup({ key: KEY });
    await controller.copy('apiKey');
    await after(clock, 30_000);
    systemClipboard.userCopies('elsewhere');
    await controller.copy('apiKey');
    await after(clock, 30_000);
    assert.equal(systemClipboard.text, KEY, 'the second copy has its own minute');
    await after(clock, MINUTE - 30_000);
    assert.equal(systemClipboard.text, '');
  });

  it('a wizard closed within the minute still clears it then (the clipboard outlives the panel)', async () => {
    const { controller, clock, systemClipboard } = await setup({ key: KEY });
    await controller.copy('apiKey');
    controller.dispose();
    assert.equal(systemClipboard.text, KEY, 'closing the wizard leaves it for the paste into Trae');
    await after(clock, MINUTE);
    assert.equal(systemClipboard.text, '');
  });

  it('deactivation clears it at once, but only if the clipboard still holds exactly the key', async () => {
    const first = standalone();
    await first.keys.copyKey(KEY);
    first.keys.dispose();
    await flush();
    assert.equal(first.clipboard.text, '');
    assert.equal(first.clock.pending(), 0, 'no timer outlives the extension');

    const second = standalone();
    await second.keys.copyKey(KEY);
    second.clipboard.userCopies(`${KEY} `);
    second.keys.dispose();
    await flush();
    assert.equal(second.clipboard.text, `${KEY} `, 'not exactly the key: left alone');
  });

  it('a clear racing a new copy of the key leaves the new copy its minute', async () => {
    const { clipboard, clock, keys } = standalone();
    await keys.copyKey(KEY);
    let release!: () => void;
    const read = clipboard.readText.bind(clipboard);
    clipboard.readText = () => new Promise<string>((resolve) => (release = () => void read().then(resolve)));
    await clock.advance(MINUTE);
    clipboard.readText = read;
    await keys.copyKey(KEY);
    release();
    await flush();
    assert.equal(clipboard.text, KEY, 'the clear that began before the copy did nothing');
    await after(clock, MINUTE);
    assert.equal(clipboard.text, '');
  });

  it('a clipboard that fails: a warning without the key, and nothing thrown', async () => {
    const { clipboard, clock, log, keys } = standalone();
    await keys.copyKey(OTHER_KEY);
    clipboard.readError = new Error(`clipboard busy (${OTHER_KEY})`);
    await after(clock, MINUTE);
    assert.equal(log.warnings().length, 1);
    assert.match(log.warnings()[0]!, /could not clear the Pool API key from the clipboard: clipboard busy/);
    assert.ok(!log.lines.some((l) => l.includes(OTHER_KEY.slice(20))), 'nothing logs the key');
    assert.equal(clock.pending(), 0);
  });
});
