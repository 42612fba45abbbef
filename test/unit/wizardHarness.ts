// A wizard controller wired to in-memory fakes (SecretStorage, Memento, settings, log, checks) with the real
// key store and key replacement, for the controller's plain-Node tests.
import { KeyReplacement } from '../../src/services/keyReplacement';
import { PoolKeyStore } from '../../src/services/keyStore';
import { Redactor } from '../../src/services/redactor';
import { WizardController } from '../../src/wizard/controller';
import { flush } from './fakes/async';
import { FakeLog } from './fakes/log';
import { FakeMemento } from './fakes/memento';
import { FakeSecretStorage } from './fakes/secretStorage';
import { FakeSettings } from './fakes/settings';
import { FakeChecks } from './fakes/wizardChecks';
import { POOL_A } from './wizardFixtures';

export async function setup(
  options: {
    key?: string;
    settings?: Partial<ReturnType<FakeSettings['read']>>;
    memento?: Record<string, unknown>;
    /** The memento refuses every write from the start (FakeMemento.updateError). */
    mementoError?: Error;
  } = {},
) {
  const secrets = new FakeSecretStorage();
  if (options.key !== undefined) secrets.values.set('codexPooler.poolApiKey', options.key);
  const redactor = new Redactor();
  const keys = new PoolKeyStore(secrets, redactor);
  const settings = new FakeSettings({ baseUrl: POOL_A, model: 'gpt-5.5', ...options.settings });
  const memento = new FakeMemento();
  for (const [k, v] of Object.entries(options.memento ?? {})) memento.values.set(k, v);
  memento.updateError = options.mementoError;
  const checks = new FakeChecks();
  const log = new FakeLog();
  const clipboard: string[] = [];
  const replacement = new KeyReplacement({
    keys,
    checks: { checkKey: (k, t) => checks.checkKey(k, t), last: undefined },
    redactor,
    log,
  });
  const controller = await WizardController.create({
    checks,
    keys,
    replaceKey: (candidate, target, options) => replacement.replace(candidate, target, options),
    settings,
    memento,
    log,
    lastCheck: () => undefined,
    clipboard: async (text) => void clipboard.push(text),
    guideText: (_state, what) => `value of ${what}`,
    editorAction: async () => undefined,
    explain: async (key) => ({
      kind: 'done',
      finding: { key, decidedBy: 'modelListed', verdict: 'fine', lines: [], problems: [] },
    }),
    reachDelayMs: 0,
  });
  await flush();
  return { secrets, keys, settings, memento, checks, log, clipboard, controller };
}

/** Goes on to the test step with this model at the saved pool, as a user would. */
export function atTestStep(controller: WizardController, model: string): void {
  controller.goTo('model');
  controller.setDraft({ url: POOL_A, fullUrl: false, modelId: model }, controller.state.draftVersion);
  controller.goTo('test');
}
