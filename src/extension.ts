// Composition root: builds the services and registers commands. No logic and no network here, so
// activation stays fast; the first health check starts after activation returns.
import * as vscode from 'vscode';
import type { CheckReport } from './core/check';
import { createNodeTransport } from './core/nodeTransport';
import { registerCommands } from './editor/commands';
import { ConnectionService } from './editor/connection';
import { HealthMonitor } from './editor/healthMonitor';
import { t } from './editor/l10n';
import { Log } from './editor/log';
import { PoolKeyStore } from './editor/secrets';
import { StatusBarIndicator, type StatusSnapshot } from './editor/statusBar';

export interface CodexPoolerApi {
  /** Runs the full check (models + chat) like the command, without the notification UI. */
  checkConnection(): Promise<CheckReport>;
  /** What the status bar shows now (for tests and diagnostics). */
  getStatus(): StatusSnapshot;
}

export function activate(context: vscode.ExtensionContext): CodexPoolerApi {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const log = new Log('Codex Pooler');
  const store = new PoolKeyStore(context.secrets);
  const service = new ConnectionService({ store, log, transport: createNodeTransport(), userAgent: `codex-pooler-trae/${version}` });
  const status = new StatusBarIndicator();
  const monitor = new HealthMonitor(service, store);

  context.subscriptions.push(
    log,
    store,
    service,
    status,
    monitor,
    service.onDidStart(() => status.showChecking()),
    service.onDidReport((report) => status.showReport(report)),
    service.onDidAbandon(() => status.restore()),
    ...registerCommands({
      service,
      store,
      log,
      extensionVersion: version,
      openWizard: async () => {
        const choice = await vscode.window.showInformationMessage(t('ui.wizard.placeholder'), t('ui.action.setApiKey'));
        if (choice) await vscode.commands.executeCommand('codexPooler.setApiKey');
      },
    }),
  );

  // Off the activation path: the first background check runs once activate has returned.
  setTimeout(() => monitor.start(), 0);

  return {
    checkConnection: () => service.check('full'),
    getStatus: () => status.snapshot(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
