// The origin policy as a property over message sequences: whatever the wizard's page sends, in any order,
// mixed with check results that pass, fail or arrive late, setup links, and changes made elsewhere, no keyed
// request (the model list, the test chat, the Trae-shaped check, a new key's check, copying the key) names an
// origin that is neither saved nor chosen by the user going on from step 1; and nothing at all goes to a setup
// link's pool before "Check this pool". The oracle below is written from the rule, not from the code.
// 10,000 sequences from a fixed seed in npm test; `npm run fuzz` explores new seeds (FUZZ_SEED, FUZZ_RUNS).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import { STEP_NAMES } from '../../src/wizard/protocol/steps';
import type { Call } from './fakes/wizardChecks';
import { FUZZ_RUNS, FUZZ_SEED } from './properties.test';
import { KEY, OTHER_KEY, POOL_A, POOL_B, report } from './wizardFixtures';
import { setup } from './wizardHarness';

/** Sequences per run: 10,000 in npm test (FUZZ_RUNS is 100,000 there); a tenth of FUZZ_RUNS under npm run fuzz. */
const SEQUENCES = Math.max(1, Math.round(FUZZ_RUNS / 10));
const FOREIGN = 'https://collector.example.net/v1';
const URLS = [POOL_A, `${POOL_A}/chat/completions`, POOL_B, FOREIGN, 'http://127.0.0.1:4000/v1', 'htp:/broken'];
const MODELS = ['gpt-5.5', 'GPT-5.5', 'gpt-5.4-mini', ''];

type Message =
  | {
      readonly m: 'setDraft';
      readonly url: string;
      readonly fullUrl: boolean;
      readonly modelId: string;
      stale: boolean;
    }
  | { readonly m: 'goTo'; readonly step: (typeof STEP_NAMES)[number] }
  | { readonly m: 'recheck'; readonly what: 'url' | 'key' | 'models' }
  | { readonly m: 'runTest' | 'runTrae' | 'save' | 'discard' | 'checkLinkPool' | 'storePending' | 'keepWorking' }
  | { readonly m: 'cancel'; readonly what: 'test' | 'trae' }
  | { readonly m: 'storeKey'; readonly key: string }
  | { readonly m: 'copy'; readonly what: 'apiKey' | 'modelId' | 'linkTrae' }
  | { readonly m: 'link'; readonly url: string; readonly modelId: string; readonly more: readonly string[] }
  | { readonly m: 'answer'; readonly pick: number; readonly ok: boolean }
  | { readonly m: 'settingsElsewhere'; readonly url: string }
  | { readonly m: 'keyElsewhere' }
  | { readonly m: 'visible'; readonly visible: boolean };

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({
    m: fc.constant('setDraft' as const),
    url: fc.constantFrom(...URLS),
    fullUrl: fc.boolean(),
    modelId: fc.constantFrom(...MODELS),
    stale: fc.boolean(),
  }),
  fc.record({ m: fc.constant('goTo' as const), step: fc.constantFrom(...STEP_NAMES) }),
  fc.record({
    m: fc.constant('recheck' as const),
    what: fc.constantFrom('url' as const, 'key' as const, 'models' as const),
  }),
  fc.record({
    m: fc.constantFrom(
      'runTest' as const,
      'runTrae' as const,
      'save' as const,
      'discard' as const,
      'checkLinkPool' as const,
      'storePending' as const,
      'keepWorking' as const,
    ),
  }),
  fc.record({ m: fc.constant('cancel' as const), what: fc.constantFrom('test' as const, 'trae' as const) }),
  fc.record({ m: fc.constant('storeKey' as const), key: fc.constantFrom(KEY, OTHER_KEY, 'mcp-cxp-0123456789ab-abc') }),
  fc.record({
    m: fc.constant('copy' as const),
    what: fc.constantFrom('apiKey' as const, 'modelId' as const, 'linkTrae' as const),
  }),
  fc.record({
    m: fc.constant('link' as const),
    url: fc.constantFrom(...URLS),
    modelId: fc.constantFrom(...MODELS),
    // A link with several models (issue 24): the origin policy is the same for it.
    more: fc.array(fc.constantFrom('gpt-5.6-terra', 'gpt-5.4-mini'), { maxLength: 2 }),
  }),
  // Check results are the most common event: an answer to one of the calls still waiting, in any order.
  fc.record({ m: fc.constant('answer' as const), pick: fc.nat(), ok: fc.boolean() }),
  fc.record({ m: fc.constant('answer' as const), pick: fc.nat(), ok: fc.constant(true) }),
  fc.record({ m: fc.constant('settingsElsewhere' as const), url: fc.constantFrom(POOL_A, POOL_B) }),
  fc.record({ m: fc.constant('keyElsewhere' as const) }),
  fc.record({ m: fc.constant('visible' as const), visible: fc.boolean() }),
);

const originOf = (url: string, fullUrl = false) => analyzeEndpoint(url, fullUrl).endpoint?.origin;

/** Lets queued callbacks run (lighter than flush(): the sequences are many). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((r) => setImmediate(r));
}

/** The answer a held check gets: a pass or a failure shaped like the real one. */
function answer(call: Call, ok: boolean): unknown {
  switch (call.kind) {
    case 'reach':
      return { kind: 'done', result: { ok, diagnoses: [], durationMs: 1 } };
    case 'trae': {
      const verdict = ok ? 'ok' : 'error';
      const result = {
        verdict,
        model: call.draft.modelId,
        url: call.draft.url,
        diagnoses: [],
        durationMs: 1,
        turns: [],
      };
      return { kind: 'done', result };
    }
    default: {
      const mode = call.kind === 'test' ? 'full' : 'background';
      const verdict = ok ? 'ok' : 'error';
      return { kind: 'report', report: report(call.draft, { mode, verdict }) };
    }
  }
}

async function runSequence(returning: boolean, messages: readonly Message[]): Promise<void> {
  const t = await setup({ ...(returning ? { key: KEY } : {}), holdChecks: true });
  const { controller, checks, settings, keys } = t;
  // The oracle: origins the rule lets the key go to, and a link's pool that gets nothing at all.
  const allowed = new Set<string>([originOf(POOL_A)!]);
  let link: { origin: string; held: boolean } | undefined;
  const violations: string[] = [];
  const keyCopies: boolean[] = [];
  const clipboardPush = t.clipboard.push.bind(t.clipboard);
  t.clipboard.push = (...texts: string[]) => {
    // Copying the key is a keyed act: only while the page shows the saved setup.
    if (texts.some((x) => x === KEY || x === OTHER_KEY)) keyCopies.push(!controller.state.dirty);
    return clipboardPush(...texts);
  };
  let seenCalls = checks.calls.length;
  let seenKeyChecks = checks.keyChecks.length;
  let seenWrites = settings.writes.length;
  const audit = (after: string) => {
    for (const write of settings.writes.slice(seenWrites)) {
      const origin = originOf(write.baseUrl, write.fullUrl);
      if (origin) allowed.add(origin);
      link = undefined;
    }
    seenWrites = settings.writes.length;
    for (const call of checks.calls.slice(seenCalls)) {
      const origin = originOf(call.draft.url, call.draft.fullUrl) ?? '(none)';
      if (link?.held && origin === link.origin)
        violations.push(`${call.kind} to a held link's ${origin} after ${after}`);
      if (call.kind !== 'reach' && !allowed.has(origin))
        violations.push(`${call.kind} with the key to ${origin} after ${after}`);
    }
    seenCalls = checks.calls.length;
    for (const check of checks.keyChecks.slice(seenKeyChecks)) {
      const origin = originOf(check.target.baseUrl, check.target.fullUrl) ?? '(none)';
      if (!allowed.has(origin)) violations.push(`a new key's check with a key to ${origin} after ${after}`);
    }
    seenKeyChecks = checks.keyChecks.length;
    if (keyCopies.some((shownSaved) => !shownSaved))
      violations.push(`the key copied beside an unsaved pool after ${after}`);
    keyCopies.length = 0;
  };
  const quietly = (work: () => unknown) => {
    try {
      Promise.resolve(work()).catch(() => undefined);
    } catch {
      // A refusal is an answer too.
    }
  };
  await settle();
  audit('opening');
  for (const [i, msg] of messages.entries()) {
    const label = `#${i} ${JSON.stringify(msg)}`;
    switch (msg.m) {
      case 'setDraft': {
        const basedOn = controller.state.draftVersion - (msg.stale ? 1 : 0);
        controller.setDraft({ url: msg.url, fullUrl: msg.fullUrl, modelId: msg.modelId }, basedOn);
        break;
      }
      case 'goTo': {
        // Going on from step 1 is the user's choice of the pool the page shows (unless a link holds it).
        const origin = originOf(controller.state.draft.url, controller.state.draft.fullUrl);
        const held = link?.held === true && origin === link.origin;
        if (controller.state.step === 'url' && msg.step !== 'url' && origin && !held) allowed.add(origin);
        quietly(() => controller.goTo(msg.step));
        break;
      }
      case 'recheck':
        quietly(() => controller.recheck(msg.what));
        break;
      case 'runTest':
        quietly(() => controller.runTest());
        break;
      case 'runTrae':
        quietly(() => controller.runTraeCheck());
        break;
      case 'save':
        quietly(() => controller.save());
        break;
      case 'discard':
        controller.discardDraft();
        link = undefined;
        break;
      case 'checkLinkPool': {
        const shown = controller.state.link;
        quietly(() => controller.checkLinkPool());
        if (link && shown?.origin === link.origin) link.held = false;
        break;
      }
      case 'storePending':
        quietly(() => controller.storePendingKey());
        break;
      case 'keepWorking':
        controller.discardPendingKey();
        break;
      case 'cancel':
        controller.cancel(msg.what);
        break;
      case 'storeKey':
        quietly(() => controller.storeKey(msg.key));
        break;
      case 'copy':
        quietly(() => controller.copy(msg.what));
        break;
      case 'link': {
        const origin = originOf(msg.url);
        const analysis = analyzeEndpoint(msg.url, false);
        if (!origin || !analysis.endpoint) break;
        const outcome = controller.openLink(
          { url: msg.url, fullUrl: false, modelId: msg.modelId, moreModels: msg.more },
          origin,
          analysis.endpoint.host,
        );
        if (outcome === 'opened') link = { origin, held: !allowed.has(origin) };
        break;
      }
      case 'answer': {
        const waiting = checks.calls.filter((c) => !c.signal.aborted && !settled.has(c));
        const call = waiting[msg.pick % Math.max(1, waiting.length)];
        if (call) {
          settled.add(call);
          call.answer.resolve(answer(call, msg.ok));
        }
        break;
      }
      case 'settingsElsewhere': {
        // The user changed their own (user-level) settings: that pool is the saved one now.
        allowed.add(originOf(msg.url)!);
        settings.change({ baseUrl: msg.url });
        break;
      }
      case 'keyElsewhere':
        quietly(() => keys.store(OTHER_KEY));
        break;
      case 'visible':
        controller.setVisible(msg.visible);
        break;
    }
    await settle();
    audit(label);
    if (violations.length > 0) break;
  }
  controller.dispose();
  assert.deepEqual(violations, []);
}
const settled = new WeakSet<Call>();

describe(`the origin policy over message sequences (${SEQUENCES} sequences, seed ${FUZZ_SEED})`, function () {
  this.timeout(0);

  it('no keyed request ever names an origin that is neither saved nor chosen by going on from step 1', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(message, { maxLength: 30 }), (returning, messages) =>
        runSequence(returning, messages),
      ),
      { numRuns: SEQUENCES, seed: FUZZ_SEED },
    );
  });

  it('the sequence that broke the rule before: a foreign pool that answers, typed on a later step, gets no key', async () => {
    await runSequence(true, [
      { m: 'answer', pick: 0, ok: true },
      { m: 'answer', pick: 0, ok: true },
      { m: 'setDraft', url: FOREIGN, fullUrl: false, modelId: 'gpt-5.5', stale: false },
      { m: 'answer', pick: 0, ok: true },
      { m: 'answer', pick: 0, ok: true },
      { m: 'runTest' },
      { m: 'answer', pick: 0, ok: true },
    ]);
  });
});
