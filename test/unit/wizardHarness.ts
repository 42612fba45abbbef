// A wizard controller wired to in-memory fakes (SecretStorage, Memento, settings, log, checks) with the real
// key store and key replacement, for the controller's plain-Node tests; and for tests of the state, the view
// and the page without a controller: a state whose free checks answered, the view context, the page fake.
import * as assert from 'node:assert/strict';
import catalog from '../../src/core/text/catalog.json';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import type { AppContext } from '../../src/webview/stepContract';
import { setStrings } from '../../src/webview/strings';
import { WizardState } from '../../src/wizard/state/state';
import type { Draft, StateInit } from '../../src/wizard/state/stateTypes';
import type { ViewContext } from '../../src/wizard/view/view';
import type { PublishedCheck } from '../../src/services/checkService';
import { KeyReplacement } from '../../src/services/keyReplacement';
import { fingerprintOf, PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { Emitter } from '../../src/services/events';
import { OwnTraffic } from '../../src/services/ownTraffic';
import { TraeConfirmations } from '../../src/services/traeConfirmations';
import { TraeWatch } from '../../src/services/traeWatch';
import { SharedUsageReader } from '../../src/services/usageReader';
import { WizardController } from '../../src/wizard/controller';
import { KeyClipboard } from '../../src/wizard/checks/copying';
import { inviteText } from '../../src/core/trae/invite';
import { renderMsg } from '../../src/core/text/messages';
import { flush } from './fakes/async';
import { FakeClipboard } from './fakes/clipboard';
import { FakeClock } from './fakes/clock';
import { installPage, type FakeDocument } from './fakes/dom';
import { FakeLog } from './fakes/log';
import { FakeMemento } from './fakes/memento';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { FakeUsage } from './fakes/usage';
import { FakeChecks } from './fakes/wizardChecks';
import { POOL_A, report } from './wizardFixtures';

/** The editor scheme and extension id the harness's setup links are built for. */
export const LINK_SOURCE = { scheme: 'code-oss', extensionId: 'codex-pooler-community.codex-pooler-trae' } as const;

export async function setup(
  options: {
    key?: string;
    settings?: Partial<ReturnType<FakeSettings['read']>>;
    memento?: Record<string, unknown>;
    /** The memento refuses every write from the start (FakeMemento.updateError). */
    mementoError?: Error;
    /** Wall-clock milliseconds the controller sees (default: the real clock). */
    now?: () => number;
    /** The status bar's last check (a returning user). */
    lastCheck?: PublishedCheck;
    /** Hold every check's answer for the test to give (FakeChecks.auto = false). */
    holdChecks?: boolean;
  } = {},
) {
  const secrets = new FakeSecretStorage();
  if (options.key !== undefined) secrets.values.set('codexPooler.poolApiKey', options.key);
  const redactor = new Redactor();
  const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5', ...options.settings });
  const keys = new PoolKeyStore(secrets, redactor, () => settings.read().timeoutSeconds * 1000);
  const memento = new FakeMemento();
  for (const [k, v] of Object.entries(options.memento ?? {})) memento.values.set(k, v);
  memento.updateError = options.mementoError;
  const checks = new FakeChecks();
  if (options.holdChecks) checks.auto = false;
  const log = new FakeLog();
  const systemClipboard = new FakeClipboard();
  /** What Copy wrote, in order (a clear after the minute writes ''). */
  const clipboard = systemClipboard.writes;
  const replacement = new KeyReplacement({
    keys,
    checks: { checkKey: (k, t) => checks.checkKey(k, t), last: undefined },
    redactor,
    log,
  });
  // The last step's watch: a fake clock (time moves only when a test says) over a fake usage counter.
  const clock = new FakeClock();
  const usage = new FakeUsage();
  const { baseUrl, fullUrl, model } = settings.values;
  usage.target = { baseUrl, fullUrl, model };
  if (options.key !== undefined) usage.keyFingerprint = fingerprintOf(options.key);
  const ownTraffic = new OwnTraffic(() => clock.now());
  // One reader for the window, as src/interactive.ts builds it.
  const reader = new SharedUsageReader({ clock, read: usage.read });
  const watches: TraeWatch[] = [];
  const confirmations = new TraeConfirmations({ memento, settings, keys, log });
  const keyClipboard = new KeyClipboard({ clipboard: systemClipboard, clock, log });
  // What the status bar's checks publish (a test fires one).
  const published = new Emitter<PublishedCheck>();
  const controller = await WizardController.create({
    checks,
    keys,
    replaceKey: (candidate, target, options) => replacement.replace(candidate, target, options),
    settings,
    memento,
    log,
    lastCheck: () => options.lastCheck,
    clipboard: keyClipboard,
    guideText: (_state, what, model) => `value of ${what}${model === undefined ? '' : ` for ${model}`}`,
    // The real links, built from the saved settings as the panel builds them.
    inviteText: (what) => inviteText(what, { ...LINK_SOURCE, saved: settings.read() }, renderMsg),
    editorAction: async () => undefined,
    explain: async (key) => ({
      kind: 'done',
      finding: { key, decidedBy: 'modelListed', verdict: 'fine', lines: [], problems: [] },
    }),
    reachDelayMs: 0,
    ...(options.now ? { now: options.now } : {}),
    watch: () => {
      const watch = new TraeWatch({ clock, usage: reader, ownTraffic });
      watches.push(watch);
      return watch;
    },
    confirmations,
    onDidPublish: published.event,
  });
  await flush();
  return {
    secrets,
    keys,
    settings,
    memento,
    checks,
    log,
    clipboard,
    systemClipboard,
    keyClipboard,
    controller,
    clock,
    usage,
    reader,
    ownTraffic,
    watches,
    confirmations,
    published,
  };
}

/** Goes on to the test step with this model at the saved pool, as a user would. */
export function atTestStep(controller: WizardController, model: string): void {
  controller.goTo('model');
  controller.setDraft({ url: POOL_A, fullUrl: false, modelId: model }, controller.state.draftVersion);
  controller.goTo('test');
}

/** What buildView is given besides the state: English, no Trae commands, the watch idle; a test overrides the rest. */
export function viewContext(overrides: Partial<ViewContext> = {}): ViewContext {
  return {
    render: renderMsg,
    language: 'en',
    traeCommands: { openChat: false, openTraeSettings: false },
    guide: () => undefined,
    confirm: { watch: { phase: 'idle' }, checklist: false },
    timeOfDay: String,
    dateTime: String,
    now: 0,
    ...overrides,
  };
}

/** A state for this saved setup with a stored key, once the free probe found the pool (no model list yet). */
export function reachedState(saved: Draft, persisted?: StateInit['persisted']): WizardState {
  const state = new WizardState({
    saved,
    key: { kind: 'stored', masked: 'sk-cxp-0123…', fingerprint: 'f' },
    ...(persisted ? { persisted } : {}),
  });
  const reach = state.begin('reach');
  assert.ok(reach.ok);
  assert.ok(state.finish('reach', reach.token, { ok: true, diagnoses: [], durationMs: 1 }));
  return state;
}

/** The pool's model list answers for the draft as it is now (undefined: the fixtures' MODELS). */
export function listModels(state: WizardState, models?: readonly ModelInfo[]): void {
  const begun = state.begin('list');
  assert.ok(begun.ok);
  assert.ok(state.finish('list', begun.token, report(state.draft, { models })));
}

/** The DOM fake installed for each test of the suite, with the page's English strings. */
export function usePage(): { readonly document: FakeDocument } {
  let page: ReturnType<typeof installPage> | undefined;
  before(() => setStrings(Object.entries(catalog)));
  beforeEach(() => (page = installPage()));
  afterEach(() => page?.uninstall());
  return {
    get document() {
      return page!.document;
    },
  };
}

/** A step's context in the page, quiet by default (requests answer `{}`, a shown failure fails the test); a test
 * passes what it watches. */
export function pageContext(overrides: Record<string, unknown> = {}): AppContext {
  return {
    rpc: { request: async () => ({}), send: () => undefined },
    goTo: () => undefined,
    act: () => undefined,
    draftChanged: () => undefined,
    showFailure: (error: unknown) => assert.fail(String(error)),
    ...overrides,
  } as unknown as AppContext;
}
