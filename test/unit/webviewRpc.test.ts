// The webview's end of the protocol in plain Node (a fake host port, the fake clock, a small DOM fake): a
// request the host never answers times out with what happened and what to do, a late reply is dropped
// without error, and a page whose start fails says so instead of loading forever.
import * as assert from 'node:assert/strict';
import catalog from '../../src/core/text/catalog.json';
import { startApp } from '../../src/webview/shell/app';
import { RequestFailed, Rpc, type RpcPort } from '../../src/webview/rpc';
import { setStrings } from '../../src/webview/strings';
import {
  isRequest,
  MESSAGE_KINDS,
  REPLY_WITHIN_MS,
  replyWithinMs,
  type MessageName,
} from '../../src/wizard/protocol/messageKinds';
import { flush } from './fakes/async';
import { FakeClock } from './fakes/clock';
import { installPage } from './fakes/dom';

type Posted = { kind: string; id?: number; method: string; params: Record<string, unknown> };

/** The host's side of the channel: what the page posted, and a way to answer. */
function fakeHost() {
  const clock = new FakeClock();
  const posted: Posted[] = [];
  let receive: (message: unknown) => void = () => undefined;
  const port: RpcPort = {
    post: (message) => void posted.push(message as Posted),
    listen: (r) => (receive = r),
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
  const reply = (id: number, result: unknown = {}) => receive({ kind: 'response', id, ok: true, result });
  const problems = () => posted.filter((m) => m.method === 'reportProblem').map((m) => m.params['detail']);
  return { clock, posted, port, reply, problems };
}

/** A promise's state without waiting for it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('webview requests to the host have a deadline', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(() => setStrings(Object.entries(catalog)));
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => process.off('unhandledRejection', onUnhandled));

  const rpcOn = (host: ReturnType<typeof fakeHost>) =>
    new Rpc(
      { view: () => undefined, models: () => undefined, problem: () => assert.fail('no problem shown') },
      host.port,
    );

  it('a reply in time resolves, and its deadline goes with it', async () => {
    const host = fakeHost();
    const asked = watch(rpcOn(host).request('goTo', { step: 'url' }));
    assert.equal(host.clock.pending(), 1);
    host.reply(host.posted[0]!.id!);
    await flush();
    assert.deepEqual(asked.value, {});
    assert.equal(host.clock.pending(), 0);
  });

  it('no reply within 60 s: rejected with what happened and what to do, and the host is told', async () => {
    const host = fakeHost();
    const asked = watch(rpcOn(host).request('goTo', { step: 'key' }));
    await host.clock.advance(REPLY_WITHIN_MS.moment - 1);
    assert.equal(asked.settled, false, 'not a moment early');
    await host.clock.advance(1);
    await flush();
    assert.ok(asked.error instanceof RequestFailed);
    assert.equal(
      asked.error.reason.cause,
      'The extension did not answer within 60 seconds, so it is not known whether this was done.',
    );
    assert.match(asked.error.reason.fix, /^Try again\. .*Codex Pooler: Open Setup Wizard.*Codex Pooler: Show Log/);
    assert.deepEqual(host.problems(), ['no reply to goTo within 60 s']);
  });

  it('a reply that comes after its deadline is dropped without error', async () => {
    const host = fakeHost();
    const rpc = rpcOn(host);
    const first = watch(rpc.request('discardDraft', {}));
    const second = watch(rpc.request('checkLinkPool', {}));
    await host.clock.advance(REPLY_WITHIN_MS.moment);
    await flush();
    const before = host.posted.length;
    host.reply(host.posted[0]!.id!);
    host.reply(host.posted[1]!.id!, { not: 'even the right shape' });
    await flush();
    assert.ok(first.error instanceof RequestFailed && second.error instanceof RequestFailed);
    assert.equal(host.posted.length, before, 'nothing more said to the host');
    assert.deepEqual(unhandled, []);
  });

  it('a request that waits on the pool (a check) gets 15 minutes, not 60 s', async () => {
    const host = fakeHost();
    const asked = watch(rpcOn(host).request('runTraeCheck', {}));
    await host.clock.advance(REPLY_WITHIN_MS.long - 1);
    assert.equal(asked.settled, false);
    await host.clock.advance(1);
    await flush();
    assert.ok(asked.error instanceof RequestFailed);
    assert.match(asked.error.reason.cause, /within 900 seconds/);
  });

  it('every request has a deadline; only those that wait on the pool or the user are long', () => {
    const requests = (Object.keys(MESSAGE_KINDS) as MessageName[]).filter(isRequest);
    for (const name of requests) assert.ok(replyWithinMs(name) > 0, name);
    assert.deepEqual(requests.filter((name) => replyWithinMs(name) === REPLY_WITHIN_MS.long).sort(), [
      'copy',
      'editorAction',
      'explainTraeError',
      'recheck',
      'runTest',
      'runTraeCheck',
      'save',
      'storeKey',
      'storePendingKey',
      'testEveryModel',
    ]);
  });
});

describe('the webview page starts, or says it could not', () => {
  let page: ReturnType<typeof installPage>;
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
    page = installPage();
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    page.uninstall();
  });

  it('a host that never answers "ready": the page says so in its own words, not "Loading…" forever', async () => {
    const host = fakeHost();
    startApp(host.port);
    assert.equal(page.root.getAttribute('aria-busy'), 'true');
    await host.clock.advance(REPLY_WITHIN_MS.moment);
    await flush();
    const failed = page.document.getElementById('start-failed')!;
    assert.equal(failed.hidden, false);
    assert.equal(failed.getAttribute('role'), 'alert');
    assert.deepEqual(page.root.childNodes, [failed], 'the loading line is gone');
    assert.equal(page.root.hasAttribute('aria-busy'), false);
    const [noReply, couldNotStart] = host.problems();
    assert.equal(noReply, 'no reply to ready within 60 s');
    assert.match(String(couldNotStart), /^the page could not start: .*did not answer within 60 seconds/);
    assert.deepEqual(unhandled, []);
    host.reply(host.posted[0]!.id!, { strings: [] });
    await flush();
    assert.deepEqual(page.root.childNodes, [failed], 'a late "ready" changes nothing');
    assert.deepEqual(unhandled, []);
  });
});
