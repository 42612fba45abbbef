// What the commands do. Each is a thin step from the user to the core and back: the check runs in
// the core, the key goes through the key rules, the report text comes from the core.
import * as vscode from 'vscode';
import type { CheckReport } from '../core/check';
import type { Diagnosis } from '../core/diagnosis';
import { renderMsg, type MessageId } from '../core/messages';
import { analyzeKey, maskKey } from '../core/poolKey';
import { formatReport } from '../core/reportText';
import type { ConnectionService } from './connection';
import { render, t } from './l10n';
import type { Log } from './log';
import type { PoolKeyStore } from './secrets';
import { COMMANDS, type CommandName } from './commandIds';
import { describeRoute, proxyRouteFor } from '../core/proxyRoute';
import { proxySettings, readSettings } from './settings';

export interface CommandDependencies {
  readonly service: ConnectionService;
  readonly store: PoolKeyStore;
  readonly log: Log;
  readonly openWizard: () => void | Promise<void>;
  readonly extensionVersion: string;
}

export type CommandHandlers = Record<CommandName, (...args: unknown[]) => unknown>;

export function commandHandlers(deps: CommandDependencies): CommandHandlers {
  const { service, store, log } = deps;

  async function checkConnection(): Promise<CheckReport> {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('ui.check.progress'), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await service.check('full', { signal: controller.signal });
        } finally {
          subscription.dispose();
        }
      },
    );
    // Not awaited: the command returns the report while the notification waits for the user.
    void showOutcome(report);
    return report;
  }

  async function showOutcome(report: CheckReport): Promise<void> {
    if (report.diagnoses.some((d) => d.code === 'cancelled')) return;
    const first = report.diagnoses.find((d) => d.severity !== 'info');
    if (report.verdict === 'ok' || !first) {
      const text = t('ui.check.ok', { model: report.facts.servedModel ?? report.target.model, answer: report.facts.answer ?? '', ms: report.durationMs });
      const choice = await vscode.window.showInformationMessage(text, t('ui.action.openWizard'), t('ui.action.showLog'));
      return follow(choice);
    }
    const text = t(report.verdict === 'error' ? 'ui.check.failed' : 'ui.check.warning', { cause: render(first.cause), fix: render(first.fix) });
    const buttons = [...actionButtons(first), t('ui.action.showLog'), t('ui.action.copyDiagnostics')];
    const choice = report.verdict === 'error' ? await vscode.window.showErrorMessage(text, ...buttons) : await vscode.window.showWarningMessage(text, ...buttons);
    return follow(choice);
  }

  function actionButtons(d: Diagnosis): string[] {
    switch (d.action) {
      case 'setApiKey':
        return [t('ui.action.setApiKey')];
      case 'fixUrl':
      case 'chooseModel':
      case 'openWizard':
        return [t('ui.action.openWizard')];
      case 'checkProxy':
        return [t('ui.action.openProxySettings')];
      case 'raiseTimeout':
        return [t('ui.action.openTimeoutSetting')];
      default:
        return [];
    }
  }

  async function follow(choice: string | undefined): Promise<void> {
    if (choice === undefined) return;
    const byLabel: Array<[MessageId, () => unknown]> = [
      ['ui.action.setApiKey', () => vscode.commands.executeCommand(COMMANDS.setApiKey)],
      ['ui.action.openWizard', () => vscode.commands.executeCommand(COMMANDS.openWizard)],
      ['ui.action.showLog', () => log.show()],
      ['ui.action.copyDiagnostics', () => vscode.commands.executeCommand(COMMANDS.copyDiagnostics)],
      ['ui.action.openProxySettings', () => vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy')],
      ['ui.action.openTimeoutSetting', () => vscode.commands.executeCommand('workbench.action.openSettings', 'codexPooler.requestTimeoutSeconds')],
    ];
    await byLabel.find(([id]) => t(id) === choice)?.[1]();
  }

  /** With a string argument (scripts, tests) no input box is shown; the key rules still apply. */
  async function setApiKey(value?: unknown): Promise<boolean> {
    if (typeof value === 'string') {
      const analysis = await store.store(value);
      if (!analysis.ok) log.warn(`Set Pool API key refused: ${analysis.kind}`);
      return analysis.ok;
    }
    const entered = await vscode.window.showInputBox({
      title: t('ui.setKey.title'),
      prompt: t('ui.setKey.prompt'),
      placeHolder: 'sk-cxp-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => {
        const analysis = analyzeKey(text);
        return analysis.ok
          ? { message: render(analysis.cause), severity: vscode.InputBoxValidationSeverity.Info }
          : { message: `${render(analysis.cause)} ${render(analysis.fix)}`, severity: vscode.InputBoxValidationSeverity.Error };
      },
    });
    if (entered === undefined) return false;
    const analysis = await store.store(entered);
    if (!analysis.ok) {
      void vscode.window.showErrorMessage(`${render(analysis.cause)} ${render(analysis.fix)}`);
      return false;
    }
    log.info(`Pool API key stored in secret storage (${maskKey(analysis.key!)}).`);
    void vscode.window.showInformationMessage(t('ui.setKey.saved', { masked: maskKey(analysis.key!) }));
    return true;
  }

  /** `{ confirm: false }` skips the question (scripts, tests); the default asks first. */
  async function clearApiKey(options?: unknown): Promise<boolean> {
    const current = await store.get();
    if (current === undefined) {
      void vscode.window.showInformationMessage(t('ui.clearKey.none'));
      return false;
    }
    const skip = typeof options === 'object' && options !== null && (options as { confirm?: unknown }).confirm === false;
    if (!skip) {
      const remove = t('ui.clearKey.remove');
      const choice = await vscode.window.showWarningMessage(t('ui.clearKey.confirm'), { modal: true, detail: t('ui.clearKey.detail', { masked: maskKey(current) }) }, remove);
      if (choice !== remove) return false;
    }
    await store.clear();
    log.info('Pool API key removed from secret storage.');
    void vscode.window.showInformationMessage(t('ui.clearKey.done'));
    return true;
  }

  async function copyDiagnostics(): Promise<string> {
    const report = service.lastReport ?? (await service.check('background'));
    const settings = readSettings();
    const key = await store.get();
    const lines = [
      'Codex Pooler for Trae: diagnostics',
      `Extension: codex-pooler-trae ${deps.extensionVersion}`,
      `Editor: ${vscode.env.appName} ${vscode.version} (host ${vscode.env.appHost}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, language ${vscode.env.language}, ${process.platform}/${process.arch}, Node ${process.versions.node})`,
      `Settings: baseUrl=${JSON.stringify(settings.baseUrl)} fullUrl=${String(settings.fullUrl)} model=${JSON.stringify(settings.model)} healthCheck.intervalSeconds=${settings.intervalSeconds} requestTimeoutSeconds=${settings.timeoutSeconds}`,
      `Proxy for the pool: ${typeof settings.baseUrl === 'string' ? describeRoute(proxyRouteFor(settings.baseUrl, proxySettings())) : 'unknown (no URL)'}`,
      `Pool API key: ${key === undefined ? 'not stored' : analyzeKey(key).ok ? `stored (${maskKey(key)})` : 'stored, but not a Pool key'}`,
      '',
      `Last check:`,
      formatReport(report, (m) => renderMsg(m)),
    ];
    const text = log.redact(lines.join('\n'));
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(t('ui.diagnostics.copied'));
    return text;
  }

  async function statusMenu(): Promise<void> {
    const items: Array<vscode.QuickPickItem & { command: string }> = [
      { label: `$(debug-start) ${t('ui.action.checkConnection')}`, description: t('ui.menu.checkDescription'), command: COMMANDS.checkConnection },
      { label: `$(settings-gear) ${t('ui.action.openWizard')}`, command: COMMANDS.openWizard },
      { label: `$(output) ${t('ui.action.showLog')}`, command: COMMANDS.showLog },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Codex Pooler', placeHolder: t('ui.menu.placeholder') });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  return {
    checkConnection,
    openWizard: () => deps.openWizard(),
    setApiKey,
    clearApiKey,
    showLog: () => log.show(),
    copyDiagnostics,
    statusMenu,
  };
}
