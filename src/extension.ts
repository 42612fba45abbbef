// Composition root: builds the services and registers commands. No logic and no network here, so
// activation stays fast; the first health check starts after activation returns, and the command
// handlers and the wizard load on first use (src/interactive.ts, its own bundle).
import * as vscode from 'vscode';
import type { CheckMode, CheckReport } from './core/check/checkReport';
import type { TraeCheckReport } from './core/check/traeShaped/traeCheck';
import { systemClock } from './core/check/healthSchedule';
import { createNodeTransport } from './core/http/node/nodeTransport';
import { proxyRouteFor } from './core/http/proxyRoute';
import { actionItem, runAction } from './editor/actions';
import { COMMANDS, type CommandName } from './editor/commandIds';
import { t, useRedactor } from './editor/l10n';
import { Log } from './editor/log';
import { proxySettings, VscodeSettings } from './editor/settings';
import { StatusBarIndicator, type StatusSnapshot } from './editor/statusBar';
import type * as InteractiveModule from './interactive';
import type * as CheckEngineModule from './checkEngine';
import { CheckService, type CheckEngine } from './services/checkService';
import type { FocusPort } from './services/ports';
import { HealthMonitor } from './services/healthMonitor';
import { ModelTests } from './services/modelTests';
import { OwnTraffic } from './services/ownTraffic';
import { PoolKeyStore } from './services/keyStore';
import { Redactor } from './services/redactor';
import { TraeConfirmations } from './services/traeConfirmations';
import { TraeFindings } from './services/traeFindings';
import { WIZARD_VIEW_TYPE } from './wizard/protocol/viewType';

const FIRST_RUN_KEY = 'codexPooler.firstRunOffered';

export interface CodexPoolerApi {
  /**
   * Runs a check of the saved settings without UI and shows its result in the status bar: by default the
   * free one (model list and usage); `{ mode: 'full' }` adds the chat check, which costs quota.
   * Undefined when it was cancelled.
   */
  checkConnection(options?: { mode?: CheckMode }): Promise<CheckReport | undefined>;
  /** What the status bar shows now (for tests and diagnostics). */
  getStatus(): StatusSnapshot;
  /** Only when the extension runs under an extension test runner (ExtensionMode.Test). */
  readonly testing?: TestingApi;
}

/** How tests reach the key store: present only in ExtensionMode.Test, never in a user's editor. */
export interface TestingApi {
  storeKey(value: string): Promise<boolean>;
  clearKey(): Promise<void>;
  /** The Trae-shaped check of the saved settings, without the quota question. */
  traeCheck(): Promise<TraeCheckReport | undefined>;
  /** Saves the connection the way the wizard's Save does (one change). */
  writeConnection(values: {
    baseUrl: string;
    fullUrl: boolean;
    model: string;
    moreModels?: readonly string[];
  }): Promise<void>;
  /**
   * The settings changes the services hear, with the connection as read at that moment: a test hook, as
   * no editor event shows how many changes a save became (the health monitor's settle time hides it).
   */
  onDidChangeConnection(
    listener: (read: { baseUrl: string; fullUrl: boolean; model: string; moreModels: readonly string[] }) => void,
  ): {
    dispose(): void;
  };
}

export function activate(context: vscode.ExtensionContext): CodexPoolerApi {
  const version = (context.extension.packageJSON as { version?: unknown }).version;
  const extensionVersion = typeof version === 'string' ? version : '0.0.0';
  const redactor = new Redactor();
  useRedactor(redactor);
  const log = new Log('Codex Pooler', redactor);
  const settings = new VscodeSettings();
  // Every read of the key waits at most the request timeout (a keyring prompt left open holds nothing forever).
  const keys = new PoolKeyStore(context.secrets, redactor, () => settings.read().timeoutSeconds * 1000);
  const userAgent = `codex-pooler-trae/${extensionVersion}`;
  // The extension's own chats: whoever watches the pool's usage counter for Trae's request discounts them.
  const ownTraffic = new OwnTraffic();
  let engine: CheckEngine | undefined;
  const checks = new CheckService({
    // A require on the first check (dist/checkEngine.js): activation parses none of the check.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engine: () => Promise.resolve((engine ??= (require('./checkEngine') as typeof CheckEngineModule).checkEngine)),
    ownTraffic,
    settings,
    keys,
    log,
    transport: createNodeTransport(),
    userAgent,
    proxyFor: (url) => proxyRouteFor(url, proxySettings()),
  });
  const focus = windowFocus();
  const monitor = new HealthMonitor({ checks, settings, keys, focus, clock: systemClock });
  const findings = new TraeFindings({ settings, keys });
  const confirmations = new TraeConfirmations({ memento: context.globalState, settings, keys, log });
  const modelTests = new ModelTests({ checks, settings, keys });
  const status = new StatusBarIndicator(checks, monitor, focus, findings, confirmations, modelTests);

  let interactive: InteractiveModule.Interactive | undefined;
  const loadInteractive = (): InteractiveModule.Interactive =>
    // A require, not an import: the second bundle (dist/interactive.js) loads on the first command only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (interactive ??= (require('./interactive') as typeof InteractiveModule).createInteractive({
      context,
      checks,
      findings,
      confirmations,
      modelTests,
      ownTraffic,
      keys,
      settings,
      log,
      redactor,
      extensionVersion,
      userAgent,
    }));

  context.subscriptions.push(
    log,
    settings,
    keys,
    checks,
    monitor,
    findings,
    confirmations,
    modelTests,
    ownTraffic,
    status,
    { dispose: () => void interactive?.dispose() },
    ...(Object.keys(COMMANDS) as CommandName[]).map((name) =>
      vscode.commands.registerCommand(COMMANDS[name], (): unknown => loadInteractive().handlers[name]()),
    ),
    // Setup links (`<scheme>://<publisher>.<name>/setup?…`): read and acted on by the interactive bundle.
    vscode.window.registerUriHandler({ handleUri: (uri) => loadInteractive().handlers.handleUri(uri) }),
    vscode.window.registerWebviewPanelSerializer(WIZARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => loadInteractive().reviveWizard(panel),
    }),
  );

  // A Pool key pasted into the URL or model setting: said at once, with the way out (it is never used).
  const warnSecretInSettings = () => {
    const fields = settings.read().secretIn;
    if (fields.length === 0) return;
    const setting = fields.map((f) => `codexPooler.${f}`).join(', ');
    void vscode.window
      .showWarningMessage(t('ui.secretInSetting.notice', { setting }), actionItem('moveSecret'))
      .then((choice) => runAction(choice?.action, () => log.show()))
      .then(undefined, (error: unknown) => log.error(`Moving the secret out of the settings failed: ${String(error)}`));
  };
  context.subscriptions.push(settings.onDidChange((change) => change.connection && warnSecretInSettings()));

  // Off the activation path: the first background check runs once activate has returned.
  setTimeout(() => {
    monitor.start();
    warnSecretInSettings();
    offerWizardOnce(context, keys).catch((error: unknown) => log.error(`The first-run offer failed: ${String(error)}`));
  }, 0);

  return {
    checkConnection: async (options) => {
      // The free check unless a caller asks for the full one (it costs quota).
      const outcome = await checks.check(options?.mode === 'full' ? 'full' : 'background');
      return outcome.kind === 'report' ? outcome.report : undefined;
    },
    getStatus: () => status.snapshot(),
    ...(context.extensionMode === vscode.ExtensionMode.Test
      ? {
          testing: {
            storeKey: async (value: string) => (await keys.store(value)).ok,
            clearKey: () => keys.clear(),
            traeCheck: async () => {
              const outcome = await loadInteractive().onDemand.traeCheck(undefined);
              return outcome.kind === 'done' ? outcome.report : undefined;
            },
            writeConnection: (values) => settings.writeConnection(values),
            onDidChangeConnection: (listener) =>
              settings.onDidChange((change) => {
                if (!change.connection) return;
                const { baseUrl, fullUrl, model, moreModels } = settings.read();
                listener({ baseUrl, fullUrl, model, moreModels });
              }),
          },
        }
      : {}),
  };
}

function windowFocus(): FocusPort {
  return {
    get focused() {
      return vscode.window.state.focused;
    },
    onDidChange: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)),
  };
}

/** First run with nothing set up: offer the wizard, once per installation. */
async function offerWizardOnce(context: vscode.ExtensionContext, keys: PoolKeyStore): Promise<void> {
  if (context.globalState.get<boolean>(FIRST_RUN_KEY) || (await keys.state()).kind !== 'none') return;
  await context.globalState.update(FIRST_RUN_KEY, true);
  const open: vscode.MessageItem = { title: t('ui.action.openWizard') };
  const choice = await vscode.window.showInformationMessage(t('ui.firstRun.offer'), open, {
    title: t('ui.firstRun.later'),
  });
  if (choice === open) await vscode.commands.executeCommand(COMMANDS.openWizard);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
