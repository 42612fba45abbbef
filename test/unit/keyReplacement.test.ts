// The rule of key replacement, with a fake key store and a fake pool behind the transport: a key the
// pool rejects never replaces a key the pool accepts; no key, or one that does not work, is replaced at
// once; "Store it anyway" stores what the user chose; the checks are free and go only to the target.
import * as assert from 'node:assert/strict';
import { maskKey } from '../../src/core/secrets/keyShape';
import { KeyReplacement } from '../../src/services/keyReplacement';
import { KeyStoreError, PoolKeyStore, SECRET_ID } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { FakeLog } from './fakes/log';
import { FakePool } from './fakes/pool';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { KEY, maskedAs, OTHER_KEY, POOL_A, report } from './wizardFixtures';
import { checkServiceFor } from './fakes/checkEngine';

const TYPO = `${KEY.slice(0, 30)}X${KEY.slice(31)}`;
const TARGET = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };

function setup(stored?: string) {
  const pool = new FakePool();
  const secrets = new FakeSecretStorage();
  if (stored) secrets.values.set(SECRET_ID, stored);
  const redactor = new Redactor();
  const keys = new PoolKeyStore(secrets, redactor);
  const log = new FakeLog();
  const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5' });
  const checks = checkServiceFor({ settings, keys, log, transport: pool.transport });
  const replacement = new KeyReplacement({ keys, checks, redactor, log });
  return { pool, secrets, keys, log, checks, redactor, replacement };
}

describe('key replacement: a working key is never lost to a typo', () => {
  it('a key with one wrong character does not replace the working key; the pool said so, for free', async () => {
    const { pool, secrets, replacement, log } = setup(KEY);
    pool.accepted.add(KEY);
    const outcome = await replacement.replace(TYPO, TARGET);
    assert.equal(outcome.kind, 'kept');
    assert.ok(outcome.kind === 'kept');
    assert.equal(outcome.verdict, 'rejected');
    assert.equal(outcome.reason?.code, 'api_key_missing');
    assert.equal(outcome.kept, maskedAs(KEY));
    assert.equal(outcome.candidate, maskedAs(TYPO));
    assert.equal(secrets.values.get(SECRET_ID), KEY, 'the working key is still stored');
    assert.ok(
      pool.requests.every((r) => r.method === 'GET'),
      'free requests only',
    );
    assert.ok(
      pool.requests.every((r) => r.url.startsWith(POOL_A)),
      'only to the target',
    );
    assert.ok(
      log.lines.every((l) => !l.includes(TYPO.slice(20)) && !l.includes(KEY.slice(20))),
      'no secret part in the log',
    );
  });

  it('two keys that differ only in their secret part: the same id, told apart by their fingerprints, never a character of the secret', async () => {
    const { pool, replacement } = setup(KEY);
    pool.accepted.add(KEY);
    const outcome = await replacement.replace(TYPO, TARGET);
    assert.ok(outcome.kind === 'kept');
    assert.equal(outcome.candidate.slice(0, 21), outcome.kept.slice(0, 21), 'the same id part');
    assert.notEqual(outcome.candidate, outcome.kept, 'the sentence can tell them apart (defect: both read the same)');
    assert.match(outcome.candidate, /^sk-cxp-[0-9a-f]{12}-… SHA256:[0-9a-f]{6}$/);
    assert.match(outcome.kept, /^sk-cxp-[0-9a-f]{12}-… SHA256:[0-9a-f]{6}$/);
  });

  it('a new key the pool accepts replaces the working one, checked before it is stored', async () => {
    const { pool, secrets, replacement } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    const outcome = await replacement.replace(OTHER_KEY, TARGET);
    assert.deepEqual(outcome, { kind: 'stored', masked: maskedAs(OTHER_KEY), verdict: 'accepted' });
    assert.equal(secrets.values.get(SECRET_ID), OTHER_KEY);
    assert.equal(pool.sentWith(OTHER_KEY).length > 0, true, 'checked before it was stored');
    assert.equal(pool.sentWith(KEY).length, 0, 'the old key was not even asked about');
  });

  it('no key stored: the new key is stored at once, with no request', async () => {
    const { pool, secrets, replacement } = setup();
    const outcome = await replacement.replace(TYPO, TARGET);
    assert.deepEqual(outcome, { kind: 'stored', masked: maskedAs(TYPO), verdict: 'unknown' });
    assert.equal(secrets.values.get(SECRET_ID), TYPO);
    assert.equal(pool.requests.length, 0);
  });

  it('a stored key that does not work is replaced, even by a key the pool rejects', async () => {
    const { pool, secrets, replacement } = setup(KEY);
    pool.disabled.add(KEY);
    const outcome = await replacement.replace(TYPO, TARGET);
    assert.equal(outcome.kind, 'stored');
    assert.equal(secrets.values.get(SECRET_ID), TYPO);
  });

  it('the pool cannot be reached: a key last seen working is kept, and the new one waits for "Store it anyway"', async () => {
    const { pool, secrets, replacement, checks } = setup(KEY);
    pool.accepted.add(KEY);
    await checks.check('background');
    pool.down = true;
    const outcome = await replacement.replace(TYPO, TARGET);
    assert.ok(outcome.kind === 'kept');
    assert.equal(outcome.verdict, 'unknown');
    assert.equal(outcome.reason?.code, 'refused', 'says why the new key could not be checked');
    assert.equal(secrets.values.get(SECRET_ID), KEY);
    const forced = await replacement.replace(TYPO, TARGET, { force: true });
    assert.equal(forced.kind, 'stored');
    assert.equal(secrets.values.get(SECRET_ID), TYPO, 'stored as the user chose');
  });

  it('the pool cannot be reached and nothing says the stored key works: the new key is stored', async () => {
    const { pool, secrets, replacement } = setup(KEY);
    pool.down = true;
    const outcome = await replacement.replace(OTHER_KEY, TARGET);
    assert.equal(outcome.kind, 'stored');
    assert.equal(secrets.values.get(SECRET_ID), OTHER_KEY);
  });

  it('the same key again, or a wrong paste: nothing is asked of the pool', async () => {
    const { pool, secrets, replacement } = setup(KEY);
    assert.equal((await replacement.replace(` ${KEY} `, TARGET)).kind, 'stored');
    const refused = await replacement.replace('mcp-cxp-0123456789ab-' + 'A'.repeat(43), TARGET);
    assert.equal(refused.kind, 'refused');
    assert.equal(secrets.values.get(SECRET_ID), KEY);
    assert.equal(pool.requests.length, 0);
  });

  // Cancelling at each point (reading the key, asking the pool, waiting to write) is in keyWrites.test.ts.

  it('a secret storage that fails says so (KeyStoreError), and nothing is stored, sent or logged', async () => {
    const { pool, secrets, replacement, log } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    secrets.failing.get = true;
    await assert.rejects(
      replacement.replace(OTHER_KEY, TARGET),
      (e: unknown) => e instanceof KeyStoreError && e.operation === 'read' && /keyring/.test(e.detail),
    );
    secrets.failing.get = false;
    assert.deepEqual([...secrets.values], [[SECRET_ID, KEY]], 'the stored key is untouched and nothing else is stored');
    assert.equal(pool.requests.length, 0, 'the new key was not sent anywhere');
    assert.ok(log.lines.every((l) => !l.includes(OTHER_KEY.slice(20))));
  });

  it('a secret storage that refuses the write says so, and the working key stays', async () => {
    const { pool, secrets, replacement } = setup(KEY);
    pool.accepted.add(KEY).add(OTHER_KEY);
    secrets.failing.store = true;
    await assert.rejects(
      replacement.replace(OTHER_KEY, TARGET),
      (e: unknown) => e instanceof KeyStoreError && e.operation === 'store',
    );
    assert.equal(secrets.values.get(SECRET_ID), KEY);
  });
});

describe('key replacement: what the log says, for each decision (npm run mutation, docs/mutation.md)', () => {
  const id = (key: string) => maskKey(key);
  /** The replacement's own lines (the free checks log their reports too). */
  const said = (log: FakeLog) => log.lines.filter((l) => /^(info|warn) Pool API key (stored|not)/.test(l));

  it('stored: why, in the words of the decision; never a character of the secret part', async () => {
    const cases: Array<[string, (t: ReturnType<typeof setup>) => Promise<unknown>, string]> = [
      ['no key stored', (t) => t.replacement.replace(OTHER_KEY, TARGET), 'no working key could be lost'],
      [
        'accepted',
        (t) => (t.pool.accepted.add(KEY).add(OTHER_KEY), t.replacement.replace(OTHER_KEY, TARGET)),
        'the pool accepts it',
      ],
      ['stored key broken', (t) => t.replacement.replace(OTHER_KEY, TARGET), 'the stored key does not work either'],
      [
        'forced',
        (t) => (t.pool.accepted.add(KEY), t.replacement.replace(OTHER_KEY, TARGET, { force: true })),
        'stored as asked, without the pool accepting it first',
      ],
    ];
    for (const [name, act, why] of cases) {
      const t = setup(name === 'no key stored' ? undefined : KEY);
      const outcome = await act(t);
      assert.equal((outcome as { kind: string }).kind, 'stored', name);
      assert.deepEqual(said(t.log), [`info Pool API key stored in secret storage (${id(OTHER_KEY)}): ${why}.`], name);
    }
  });

  it('kept: whether the pool rejected the new key or could not check it, with its reason', async () => {
    const rejected = setup(KEY);
    rejected.pool.accepted.add(KEY);
    const outcome = await rejected.replacement.replace(TYPO, TARGET);
    assert.ok(outcome.kind === 'kept' && outcome.reason);
    assert.deepEqual(said(rejected.log), [
      `warn Pool API key not replaced: the pool rejected the new key (${id(TYPO)}: ${outcome.reason.detail}); ` +
        `the working key (${id(KEY)}) is still stored.`,
    ]);
    const unknown = setup(KEY);
    unknown.pool.accepted.add(KEY);
    await unknown.checks.check('background');
    unknown.pool.down = true;
    const kept = await unknown.replacement.replace(TYPO, TARGET);
    assert.ok(kept.kind === 'kept' && kept.reason);
    assert.deepEqual(said(unknown.log), [
      `warn Pool API key not replaced: the pool could not check the new key (${id(TYPO)}: ${kept.reason.detail}); ` +
        `the working key (${id(KEY)}) is still stored.`,
    ]);
  });

  it('the same key as the one stored: stored again at once, with no request', async () => {
    const { pool, replacement, log } = setup(KEY);
    assert.equal((await replacement.replace(KEY, TARGET)).kind, 'stored');
    assert.equal(pool.requests.length, 0);
    assert.deepEqual(said(log), [
      `info Pool API key stored in secret storage (${id(KEY)}): no working key could be lost.`,
    ]);
  });
});

describe('key replacement: which earlier answer counts for the stored key (npm run mutation)', () => {
  it('the pool cannot be reached: only the last check of this very key, and only an accepting one, keeps it', async () => {
    // The last check accepted another key: it says nothing of the stored one.
    const other = setup(OTHER_KEY);
    other.pool.accepted.add(OTHER_KEY);
    await other.checks.check('background');
    other.secrets.values.set(SECRET_ID, KEY);
    other.pool.down = true;
    assert.equal((await other.replacement.replace(TYPO, TARGET)).kind, 'stored');
    // The last check of the stored key was a rejection: it does not work.
    const rejected = setup(KEY);
    await rejected.checks.check('background');
    rejected.pool.down = true;
    assert.equal((await rejected.replacement.replace(OTHER_KEY, TARGET)).kind, 'stored');
  });

  it('a first decision says nothing of a change meanwhile; "Store it anyway" says the pool did not judge it', async () => {
    const { pool, replacement } = setup(KEY);
    pool.accepted.add(KEY);
    const kept = await replacement.replace(TYPO, TARGET);
    assert.ok(kept.kind === 'kept' && !('changedMeanwhile' in kept));
    const forced = await replacement.replace(TYPO, TARGET, { force: true });
    assert.deepEqual(forced, { kind: 'stored', masked: maskKey(TYPO), verdict: 'unknown' });
  });

  it('a key the pool could not judge, with no problem named: kept, and neither the outcome nor the log makes one up', async () => {
    const { keys, redactor, log } = setup(KEY);
    const draft = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
    // A check that lists no models and names no problem (no engine answers so today; the rule must still hold).
    const checks = {
      last: undefined,
      checkKey: async (key: string) => ({
        kind: 'report' as const,
        report: key === KEY ? report(draft) : report(draft, { verdict: 'error', codes: [] }),
      }),
    };
    const outcome = await new KeyReplacement({ keys, checks, redactor, log }).replace(TYPO, TARGET);
    assert.deepEqual(outcome, { kind: 'kept', kept: maskedAs(KEY), candidate: maskedAs(TYPO), verdict: 'unknown' });
    assert.deepEqual(log.warnings(), [
      `Pool API key not replaced: the pool could not check the new key (${maskedAs(TYPO)}); ` +
        `the working key (${maskedAs(KEY)}) is still stored.`,
    ]);
  });
});
