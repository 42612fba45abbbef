// Writes of the key cannot race (issue "Claims that hold", point 2): every write waits for the one before it,
// the stored key is read again just before a replacement writes, a change made meanwhile makes the decision
// again from the key stored now, and a cancel at any point stores nothing. The fakes' switches order the
// steps: FakePool.holding (a slow pool) and FakeSecretStorage.hanging (a keyring prompt left open).
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { KeyReplacement, type ReplaceOutcome } from '../../src/services/keyReplacement';
import { KeyStoreError, PoolKeyStore, SECRET_ID } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { flush } from './fakes/async';
import { FakeLog } from './fakes/log';
import { FakePool } from './fakes/pool';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { KEY, maskedAs, OTHER_KEY, POOL_A } from './wizardFixtures';
import { checkServiceFor } from './fakes/checkEngine';

const TYPO = `${KEY.slice(0, 30)}X${KEY.slice(31)}`;
const BROKEN = 'sk-cxp-ffffffffffff-BrokenBrokenBrokenBrokenBrokenBrokenBrokenB';
const TARGET = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };

function setup(stored?: string) {
  const pool = new FakePool();
  const secrets = new FakeSecretStorage();
  if (stored) secrets.values.set(SECRET_ID, stored);
  const redactor = new Redactor();
  const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5', timeoutSeconds: 5 });
  const keys = new PoolKeyStore(secrets, redactor, () => settings.read().timeoutSeconds * 1000);
  const log = new FakeLog();
  const checks = checkServiceFor({ settings, keys, log, transport: pool.transport });
  // Conditional writes asked for (each waits for the writes before it).
  const writesAsked: string[] = [];
  const replaceIf = keys.replaceIf.bind(keys);
  keys.replaceIf = (expected, key, signal) => (writesAsked.push(key), replaceIf(expected, key, signal));
  const replacement = new KeyReplacement({ keys, checks, redactor, log });
  const stored_ = () => secrets.values.get(SECRET_ID);
  return { pool, secrets, keys, log, replacement, writesAsked, stored: stored_ };
}

/** Waits (in queued callbacks, not in time) until the condition holds; fails instead of hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await flush();
  assert.ok(condition(), `never happened: ${what}`);
}

describe('key writes cannot race', () => {
  for (const first of ['the accepted key', 'the rejected key'] as const) {
    it(`two replacements at once, ${first} written first: the key the pool accepts is stored, never the rejected one`, async () => {
      // The stored key no longer works, so each replacement alone would store its key.
      const { pool, replacement, stored } = setup(BROKEN);
      pool.accepted.add(OTHER_KEY);
      pool.holding.add(OTHER_KEY).add(TYPO);
      const good = replacement.replace(OTHER_KEY, TARGET);
      const typo = replacement.replace(TYPO, TARGET);
      await until(() => pool.heldWith(OTHER_KEY) > 0 && pool.heldWith(TYPO) > 0, 'both keys asked about');
      let outcomes: [ReplaceOutcome, ReplaceOutcome];
      if (first === 'the accepted key') {
        pool.release(OTHER_KEY);
        const a = await good;
        pool.release(TYPO);
        outcomes = [a, await typo];
      } else {
        pool.release(TYPO);
        const b = await typo;
        pool.release(OTHER_KEY);
        outcomes = [await good, b];
      }
      assert.equal(stored(), OTHER_KEY, 'the key the pool accepts is stored');
      const [a, b] = outcomes;
      assert.equal(a.kind, 'stored');
      if (first === 'the accepted key') {
        assert.equal(b.kind, 'kept', 'decided again from the working key stored meanwhile');
        assert.ok(b.kind === 'kept' && b.changedMeanwhile === true && b.verdict === 'rejected');
      } else {
        assert.equal(b.kind, 'stored', 'stored while nothing better was there');
        assert.ok(a.kind === 'stored' && a.changedMeanwhile === true, 'says it decided again');
      }
    });
  }

  it('a change made elsewhere during the check: the decision is made again from the key stored now, and said', async () => {
    const { pool, keys, replacement, log, stored } = setup(BROKEN);
    pool.accepted.add(OTHER_KEY);
    pool.holding.add(TYPO);
    const typo = replacement.replace(TYPO, TARGET);
    await until(() => pool.heldWith(TYPO) > 0, 'the new key asked about');
    await keys.store(OTHER_KEY); // Set Pool API Key in another window
    pool.release(TYPO);
    const outcome = await typo;
    assert.equal(stored(), OTHER_KEY, 'the working key stored meanwhile stays');
    assert.ok(outcome.kind === 'kept' && outcome.changedMeanwhile === true);
    assert.ok(
      log.lines.some((l) =>
        /changed while sk-cxp-0123456789ab-… SHA256:[0-9a-f]{6} was checked; deciding again/.test(l),
      ),
    );
  });

  it('a key that keeps changing elsewhere: nothing is stored after three decisions, and the outcome says why', async () => {
    const { pool, keys, log, replacement, stored } = setup(BROKEN);
    pool.accepted.add(OTHER_KEY);
    pool.holding.add(OTHER_KEY);
    const outcome = replacement.replace(OTHER_KEY, TARGET);
    for (let round = 0; round < 3; round++) {
      await until(() => pool.heldWith(OTHER_KEY) > 0, `decision ${round + 1}`);
      await keys.store(round % 2 === 0 ? KEY : BROKEN);
      pool.holding.delete(OTHER_KEY);
      pool.release(OTHER_KEY);
      if (round < 2) pool.holding.add(OTHER_KEY);
    }
    assert.deepEqual(await outcome, { kind: 'changing', candidate: maskedAs(OTHER_KEY) });
    assert.equal(stored(), KEY, 'the last change made elsewhere stands');
    assert.equal(
      log.warnings().at(-1),
      `Pool API key not stored (${maskedAs(OTHER_KEY)}): the stored key kept changing meanwhile.`,
    );
  });

  it('every write waits for the one before it: a removal asked during a store happens after it', async () => {
    const { secrets, keys, stored } = setup(KEY);
    secrets.hanging.store = true;
    const store = keys.store(OTHER_KEY);
    await until(() => secrets.held === 1, 'the store waits on the keyring');
    const clear = keys.clear();
    await flush();
    assert.equal(stored(), KEY, 'the removal did not overtake the store');
    secrets.hanging.store = false;
    secrets.release();
    await Promise.all([store, clear]);
    assert.equal(stored(), undefined, 'removed after the store, in the order asked');
  });

  it('a write that fails does not block the next one', async () => {
    const { secrets, keys, stored } = setup(KEY);
    secrets.failing.store = true;
    await assert.rejects(keys.store(OTHER_KEY), (e: unknown) => e instanceof KeyStoreError && e.operation === 'store');
    secrets.failing.store = false;
    await keys.store(OTHER_KEY);
    assert.equal(stored(), OTHER_KEY);
  });
});

describe('a cancelled replacement stores nothing, at every point', () => {
  it('cancelled before it starts: no read, no request, nothing stored', async () => {
    const { pool, secrets, replacement, stored } = setup(KEY);
    secrets.failing.get = true; // a read would throw: there must be none
    const outcome = await replacement.replace(OTHER_KEY, TARGET, { signal: AbortSignal.abort() });
    assert.deepEqual(outcome, { kind: 'cancelled' });
    assert.equal(pool.requests.length, 0);
    assert.equal(stored(), KEY);
  });

  it('cancelled while the stored key is read (a keyring prompt left open): answers at once, nothing stored', async () => {
    const { pool, secrets, replacement, stored } = setup(KEY);
    secrets.hanging.get = true;
    const cancel = new AbortController();
    const outcome = replacement.replace(OTHER_KEY, TARGET, { signal: cancel.signal });
    await until(() => secrets.held === 1, 'the read waits on the keyring');
    cancel.abort();
    assert.deepEqual(await outcome, { kind: 'cancelled' });
    secrets.hanging.get = false;
    secrets.release();
    await flush();
    assert.equal(pool.requests.length, 0);
    assert.equal(stored(), KEY);
  });

  it('cancelled while the pool is asked about the new key: nothing stored', async () => {
    const { pool, replacement, stored } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    pool.holding.add(OTHER_KEY);
    const cancel = new AbortController();
    const outcome = replacement.replace(OTHER_KEY, TARGET, { signal: cancel.signal });
    await until(() => pool.heldWith(OTHER_KEY) > 0, 'the pool is asked');
    cancel.abort();
    assert.deepEqual(await outcome, { kind: 'cancelled' });
    assert.equal(stored(), KEY);
  });

  it('cancelled while the pool is asked about the stored key: nothing stored', async () => {
    const { pool, replacement, stored } = setup(KEY);
    pool.accepted.add(KEY);
    pool.holding.add(KEY);
    const cancel = new AbortController();
    const outcome = replacement.replace(TYPO, TARGET, { signal: cancel.signal });
    await until(() => pool.heldWith(KEY) > 0, 'the pool is asked about the stored key');
    cancel.abort();
    assert.deepEqual(await outcome, { kind: 'cancelled' });
    assert.equal(stored(), KEY);
  });

  it('cancelled while waiting for another write: answers at once, and stores nothing once that write ends', async () => {
    const { pool, secrets, keys, log, replacement, writesAsked, stored } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    secrets.hanging.store = true;
    // Another window stores the same key again: the re-read alone would not stop a write.
    const elsewhere = keys.store(KEY);
    await until(() => secrets.held === 1, 'the other write waits on the keyring');
    const cancel = new AbortController();
    const outcome = replacement.replace(OTHER_KEY, TARGET, { signal: cancel.signal });
    await until(() => writesAsked.includes(OTHER_KEY), 'the replacement waits to write');
    cancel.abort();
    assert.deepEqual(await outcome, { kind: 'cancelled' });
    secrets.hanging.store = false;
    secrets.release();
    await elsewhere;
    await flush();
    assert.equal(stored(), KEY, 'the cancelled key was never written');
    assert.deepEqual(log.warnings(), [], 'a cancelled write is not a key that changed meanwhile');
  });

  it('cancelled once the write is under way: it ends, and the outcome says it was stored', async () => {
    const { pool, secrets, replacement, stored } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    secrets.hanging.store = true;
    const cancel = new AbortController();
    const outcome = replacement.replace(OTHER_KEY, TARGET, { signal: cancel.signal });
    await until(() => secrets.held === 1, 'the write waits on the keyring');
    cancel.abort();
    secrets.hanging.store = false;
    secrets.release();
    assert.equal((await outcome).kind, 'stored');
    assert.equal(stored(), OTHER_KEY);
  });

  it("leaves no listener on the caller's signal: after a replacement or a write, and at once when cancelled", async () => {
    const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;
    const { pool, secrets, keys, replacement } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    const done = new AbortController();
    assert.equal((await replacement.replace(OTHER_KEY, TARGET, { signal: done.signal })).kind, 'stored');
    assert.equal(await keys.replaceIf(OTHER_KEY, KEY, done.signal), 'stored');
    await flush();
    assert.equal(listeners(done.signal), 0, 'a replacement and a write that ended');
    // Cancelled while the read and the write still hang: their listeners go with the cancel, not when they end.
    secrets.hanging.get = true;
    const reading = new AbortController();
    const outcome = replacement.replace(OTHER_KEY, TARGET, { signal: reading.signal });
    await until(() => secrets.held === 1, 'the read waits on the keyring');
    reading.abort();
    assert.deepEqual(await outcome, { kind: 'cancelled' });
    assert.equal(listeners(reading.signal), 0, 'a replacement cancelled while the key is read');
    secrets.hanging.get = false;
    secrets.hanging.store = true;
    const elsewhere = keys.store(KEY);
    const writing = new AbortController();
    const write = keys.replaceIf(KEY, OTHER_KEY, writing.signal);
    writing.abort();
    assert.equal(await write, 'cancelled');
    assert.equal(listeners(writing.signal), 0, 'a write cancelled while it waits');
    secrets.hanging.store = false;
    secrets.release();
    await elsewhere;
  });
});
