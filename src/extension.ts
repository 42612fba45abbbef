// Composition root: builds the services and registers commands. No logic and no network here, so
// activation stays fast; the first health check starts after activation returns, and the command
// handlers and the wizard load on first use (src/interactive.ts, its own bundle).
import * as vscode from 'vscode';
import type { CheckMode, CheckReport } from './core/check';
import { createNodeTransport } from './core/nodeTransport';
import { COMMANDS, type CommandName } from './editor/commandIds';
import { ConnectionService } from './editor/connection';
import { HealthMonitor } from './editor/healthMonitor';
import { t } from './editor/l10n';
import { Log } from './editor/log';
import { PoolKeyStore } from './editor/secrets';
import { StatusBarIndicator, type StatusSnapshot } from './editor/statusBar';
import type * as InteractiveModule from './interactive';
import { WIZARD_VIEW_TYPE } from './wizard/viewType';

const FIRST_RUN_KEY = 'codexPooler.firstRunOffered';

export interface CodexPoolerApi {
  /**
   * Runs a check without UI and shows its result in the status bar: by default the full check (models +
   * chat, like the command); `{ mode: 'background' }` is the free one the status bar runs by itself.
   */
  checkConnection(options?: { mode?: CheckMode }): Promise<CheckReport>;
  /** What the status bar shows now (for tests and diagnostics). */
  getStatus(): StatusSnapshot;
}

export function activate(context: vscode.ExtensionContext): CodexPoolerApi {
  const extensionVersion = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const log = new Log('Codex Pooler');
  const store = new PoolKeyStore(context.secrets);
  const service = new ConnectionService({ store, log, transport: createNodeTransport(), userAgent: `codex-pooler-trae/${extensionVersion}` });
  const status = new StatusBarIndicator();
  const monitor = new HealthMonitor(service, store);

  let interactive: InteractiveModule.Interactive | undefined;
  const loadInteractive = () => (interactive ??= (require('./interactive') as typeof InteractiveModule).createInteractive({ context, service, store, log, extensionVersion }));

  context.subscriptions.push(
    log,
    store,
    service,
    status,
    monitor,
    service.onDidStart(() => status.showChecking()),
    service.onDidReport((report) => status.showReport(report)),
    service.onDidAbandon(() => status.restore()),
    ...(Object.keys(COMMANDS) as CommandName[]).map((name) => vscode.commands.registerCommand(COMMANDS[name], (...args: unknown[]) => loadInteractive().handlers[name](...args))),
    vscode.window.registerWebviewPanelSerializer(WIZARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => loadInteractive().reviveWizard(panel, state),
    }),
  );

  // Off the activation path: the first background check runs once activate has returned.
  setTimeout(() => {
    monitor.start();
    void offerWizardOnce(context, store);
  }, 0);

  return {
    checkConnection: (options) => service.check(options?.mode === 'background' ? 'background' : 'full'),
    getStatus: () => status.snapshot(),
  };
}

/** First run with nothing set up: offer the wizard, once per installation. */
async function offerWizardOnce(context: vscode.ExtensionContext, store: PoolKeyStore): Promise<void> {
  if (context.globalState.get<boolean>(FIRST_RUN_KEY) || (await store.get()) !== undefined) return;
  await context.globalState.update(FIRST_RUN_KEY, true);
  const open = t('ui.action.openWizard');
  const choice = await vscode.window.showInformationMessage(t('ui.firstRun.offer'), open, t('ui.firstRun.later'));
  if (choice === open) await vscode.commands.executeCommand(COMMANDS.openWizard);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
