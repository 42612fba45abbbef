// The key store's own promises (src/services/keyStore.ts), below the key replacement: what a read gives and
// leaves behind, what a failure says, which changes it announces, and a conditional write cancelled at each
// point. npm run mutation found these untested (docs/mutation.md).
import * as assert from 'node:assert/strict';
import { maskKey } from '../../src/core/secrets/keyShape';
import { fingerprintOf, KeyStoreError, PoolKeyStore, SECRET_ID } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { flush } from './fakes/async';
import { FakeSecretStorage } from './fakes/secretStorage';
import { KEY, OTHER_KEY } from './wizardFixtures';

function setup(stored?: string, deadlineMs = 30_000) {
  const secrets = new FakeSecretStorage();
  if (stored !== undefined) secrets.values.set(SECRET_ID, stored);
  const redactor = new Redactor();
  const keys = new PoolKeyStore(secrets, redactor, () => deadlineMs);
  return { secrets, redactor, keys, stored: () => secrets.values.get(SECRET_ID) };
}

/** Waits (in queued callbacks, not in time) until the condition holds; fails instead of hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await flush();
  assert.ok(condition(), `never happened: ${what}`);
}

describe('the key store', () => {
  it('an empty stored value is no key', async () => {
    const { keys } = setup('');
    assert.equal(await keys.get(), undefined);
    assert.deepEqual(await keys.state(), { kind: 'none' });
  });

  it('a key it reads is redacted from then on, whatever its shape', async () => {
    const legacy = 'an-old-secret-of-another-shape-0123456789';
    const { keys, redactor } = setup(legacy);
    assert.equal(redactor.redact(`x ${legacy} y`), `x ${legacy} y`, 'unknown before the read');
    assert.equal(await keys.get(), legacy);
    assert.ok(!redactor.redact(`x ${legacy} y`).includes(legacy));
  });

  it('every read arms the deadline (30 s unless said) and clears it once answered', async () => {
    const armed: Array<number | undefined> = [];
    const cleared: unknown[] = [];
    const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
    const watched = Object.assign(
      (callback: () => void, ms?: number) => {
        armed.push(ms);
        return realSet(callback, ms);
      },
      { __promisify__: realSet.__promisify__ },
    ) as unknown as typeof setTimeout;
    globalThis.setTimeout = watched;
    globalThis.clearTimeout = ((handle?: NodeJS.Timeout) => (
      cleared.push(handle),
      realClear(handle)
    )) as typeof clearTimeout;
    try {
      const secrets = new FakeSecretStorage();
      secrets.values.set(SECRET_ID, KEY);
      await new PoolKeyStore(secrets, new Redactor()).get();
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    }
    assert.deepEqual(armed, [30_000]);
    assert.equal(cleared.length, 1);
    assert.notEqual(cleared[0], undefined);
  });

  it('a read that gets no answer before its deadline fails as a read, saying how long it waited', async () => {
    const { keys, secrets } = setup(KEY, 20);
    secrets.hanging.get = true;
    await assert.rejects(keys.get(), (e: unknown) => {
      assert.ok(e instanceof KeyStoreError);
      assert.equal(e.operation, 'read');
      assert.equal(e.detail, 'no answer within 0 s');
      return true;
    });
    secrets.release();
  });

  it('a failure names the operation and the cause, clipped to 300 characters; a thrown non-error is said as text', async () => {
    const error = new KeyStoreError('store', 'keyring locked');
    assert.equal(error.name, 'KeyStoreError');
    assert.equal(error.message, "the editor's secret storage failed to store the key: keyring locked");
    const { keys, secrets } = setup(KEY);
    secrets.get = () => Promise.reject(new Error('x'.repeat(400)));
    await assert.rejects(keys.get(), (e: unknown) => e instanceof KeyStoreError && e.detail === 'x'.repeat(300));
    // A storage written in plain JavaScript may reject with a string.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    secrets.get = () => Promise.reject('a plain string');
    await assert.rejects(keys.get(), (e: unknown) => e instanceof KeyStoreError && e.detail === 'a plain string');
    secrets.delete = () => Promise.reject(new Error('locked'));
    await assert.rejects(keys.clear(), (e: unknown) => e instanceof KeyStoreError && e.operation === 'delete');
  });

  it('says a change of its own key only, and nothing after dispose', async () => {
    const { keys, secrets } = setup(KEY);
    let changes = 0;
    keys.onDidChange(() => changes++);
    await secrets.store('another.secret', 'x');
    assert.equal(changes, 0, 'another secret');
    await secrets.store(SECRET_ID, OTHER_KEY);
    assert.equal(changes, 1);
    keys.dispose();
    await secrets.store(SECRET_ID, KEY);
    assert.equal(changes, 1);
  });

  it('the state of a stored key: masked, a 16-digit fingerprint, and whether it is a Pool key', async () => {
    const { keys } = setup(KEY);
    assert.deepEqual(await keys.state(), {
      kind: 'stored',
      masked: maskKey(KEY),
      fingerprint: fingerprintOf(KEY),
      isPoolKey: true,
    });
    assert.match(fingerprintOf(KEY), /^[0-9a-f]{16}$/);
    assert.notEqual(fingerprintOf(KEY), fingerprintOf(OTHER_KEY));
  });
});

describe('the key store: a conditional write (replaceIf)', () => {
  it('stores when the stored key is the one expected, and redacts the new key from then on', async () => {
    const { keys, redactor, stored } = setup(KEY);
    const other = 'another-secret-value-of-any-shape-987654321';
    assert.equal(await keys.replaceIf(KEY, other), 'stored');
    assert.equal(stored(), other);
    assert.ok(!redactor.redact(other).includes(other));
  });

  it('another key stored than the one expected: "changed", and nothing written', async () => {
    const { keys, stored } = setup(KEY);
    assert.equal(await keys.replaceIf(OTHER_KEY, 'a-new-secret-value-0123456789'), 'changed');
    assert.equal(stored(), KEY);
  });

  it('cancelled while waiting for another write: the stored key is not even read', async () => {
    const { keys, secrets, stored } = setup(KEY);
    secrets.hanging.store = true;
    const elsewhere = keys.store(OTHER_KEY);
    await until(() => secrets.held === 1, 'the other write waits');
    let reads = 0;
    const get = secrets.get.bind(secrets);
    secrets.get = (key) => (reads++, get(key));
    const cancel = new AbortController();
    const outcome = keys.replaceIf(OTHER_KEY, KEY, cancel.signal);
    cancel.abort();
    assert.equal(await outcome, 'cancelled');
    secrets.hanging.store = false;
    secrets.release();
    await elsewhere;
    await flush();
    assert.equal(reads, 0);
    assert.equal(stored(), OTHER_KEY);
  });

  it('already cancelled: answers at once, even while another write waits on the keyring', async () => {
    const { keys, secrets, stored } = setup(KEY);
    secrets.hanging.store = true;
    const elsewhere = keys.store(OTHER_KEY);
    await until(() => secrets.held === 1, 'the other write waits');
    let answer: string | undefined;
    void keys.replaceIf(KEY, OTHER_KEY, AbortSignal.abort()).then((a) => (answer = a));
    await flush();
    assert.equal(answer, 'cancelled');
    secrets.hanging.store = false;
    secrets.release();
    await elsewhere;
    assert.equal(stored(), OTHER_KEY);
  });

  it('cancelled while the stored key is read again: answers at once, and writes nothing once the read ends', async () => {
    const { keys, secrets, stored } = setup(KEY);
    secrets.hanging.get = true;
    const cancel = new AbortController();
    const outcome = keys.replaceIf(KEY, OTHER_KEY, cancel.signal);
    await until(() => secrets.held === 1, 'the read waits on the keyring');
    cancel.abort();
    assert.equal(await outcome, 'cancelled');
    secrets.hanging.get = false;
    secrets.release();
    await flush();
    assert.equal(stored(), KEY, 'nothing written after the cancel');
  });
});
