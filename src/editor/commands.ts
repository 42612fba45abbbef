// What the commands do. Each is a thin step from the user to the services and back; they behave the
// same for every caller (no arguments that skip a question or store a key silently).
import * as vscode from 'vscode';
import type { CheckReport } from '../core/check/checkReport';
import { renderMsg } from '../core/text/messages';
import { analyzeKey, extractPoolKey, maskKey } from '../core/secrets/poolKey';
import type { ReplaceOutcome, KeyReplacement } from '../services/keyReplacement';
import type { TraeFindings } from '../services/traeFindings';
import { formatTraeReport } from '../core/trae/traeReportText';
import { describeRoute, proxyRouteFor } from '../core/http/proxyRoute';
import { formatReport } from '../core/check/reportText';
import type { CheckService } from '../services/checkService';
import type { OnDemandChecks } from '../services/onDemandChecks';
import { KeyStoreError, type PoolKeyStore } from '../services/keyStore';
import type { Redactor } from '../services/redactor';
import { actionItem, actionsFor, runAction, type ActionItem } from './actions';
import { COMMANDS, type CommandName } from './commandIds';
import { render, t } from './l10n';
import { traeCommands } from './traeCommands';
import type { Log } from './log';
import { proxySettings, type VscodeSettings } from './settings';

export interface CommandDependencies {
  readonly checks: CheckService;
  readonly onDemand: OnDemandChecks;
  readonly keys: PoolKeyStore;
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly replacement: KeyReplacement;
  readonly findings: Pick<TraeFindings, 'current'>;
  readonly openWizard: () => void | Promise<void>;
  readonly extensionVersion: string;
}

export type CommandHandlers = Record<CommandName, () => unknown>;

export function commandHandlers(deps: CommandDependencies): CommandHandlers {
  const { checks, keys, log } = deps;
  const follow = (choice: ActionItem | undefined) => runAction(choice?.action, () => log.show());

  async function checkConnection(): Promise<CheckReport | undefined> {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('ui.check.progress'), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await checks.check('full', { signal: controller.signal });
        } finally {
          subscription.dispose();
        }
      },
    );
    // Cancelled: nothing new is known and nothing is said; the status bar shows the last answer again.
    if (outcome.kind === 'cancelled') return undefined;
    // Not awaited: the command returns the report while the notification waits for the user.
    showOutcome(outcome.report).catch((error: unknown) =>
      log.error(`Showing the check's result failed: ${String(error)}`),
    );
    return outcome.report;
  }

  async function showOutcome(report: CheckReport): Promise<void> {
    const first = report.diagnoses.find((d) => d.severity !== 'info');
    if (report.verdict === 'ok' || !first) {
      const text = t('ui.check.ok', {
        model: report.facts.servedModel ?? report.target.model,
        answer: report.facts.answer ?? '',
        ms: report.durationMs,
      });
      return follow(
        await vscode.window.showInformationMessage(
          text,
          actionItem('traeCheck'),
          actionItem('openWizard'),
          actionItem('showLog'),
        ),
      );
    }
    const text = t(report.verdict === 'error' ? 'ui.check.failed' : 'ui.check.warning', {
      cause: render(first.cause),
      fix: render(first.fix),
    });
    const items = [
      ...(await actionsFor(first.action)),
      ...(first.step === 'chat' ? ['traeCheck'] : []),
      'showLog',
      'copyDiagnostics',
    ].map((a) => actionItem(a as ActionItem['action']));
    const show = report.verdict === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    return follow(await show(text, ...items));
  }

  async function showKeyStoreError(error: KeyStoreError): Promise<void> {
    const text = `${t('diag.keyStoreUnavailable.cause', { detail: error.detail })} ${t('diag.keyStoreUnavailable.fix')}`;
    log.error(`Secret storage failed (${error.operation}): ${error.detail}`);
    const items = (await actionsFor('fixKeyStore')).map(actionItem);
    return follow(await vscode.window.showErrorMessage(text, ...items, actionItem('showLog')));
  }

  async function setApiKey(): Promise<boolean> {
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
          : {
              message: `${render(analysis.cause)} ${render(analysis.fix)}`,
              severity: vscode.InputBoxValidationSeverity.Error,
            };
      },
    });
    if (entered === undefined) return false;
    return storeKey(entered);
  }

  /** Stores a key the rules accept; a working stored key is replaced only by one the pool accepts, or when asked. */
  async function storeKey(
    candidate: string,
    options: { force?: boolean; quietWhenStored?: boolean } = {},
  ): Promise<boolean> {
    const force = options.force === true;
    const { baseUrl, fullUrl, model } = deps.settings.read();
    let outcome: ReplaceOutcome;
    try {
      outcome = await withCancellableProgress(t('ui.setKey.checking'), (signal) =>
        deps.replacement.replace(candidate, { baseUrl, fullUrl, model }, { signal, force }),
      );
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      void showKeyStoreError(error);
      return false;
    }
    switch (outcome.kind) {
      case 'refused':
        void vscode.window.showErrorMessage(`${render(outcome.analysis.cause)} ${render(outcome.analysis.fix)}`);
        return false;
      case 'cancelled':
        void vscode.window.showInformationMessage(t('ui.setKey.cancelled'));
        return false;
      case 'stored':
        if (!options.quietWhenStored)
          void vscode.window.showInformationMessage(t('ui.setKey.saved', { masked: outcome.masked }));
        return true;
      case 'kept': {
        const said = t(outcome.verdict === 'rejected' ? 'key.kept.rejected' : 'key.kept.unknown', {
          candidate: outcome.candidate,
          kept: outcome.kept,
        });
        const text = [said, outcome.reason && render(outcome.reason.cause), t('key.kept.fix')]
          .filter(Boolean)
          .join(' ');
        const anyway: vscode.MessageItem = { title: t('ui.action.storeKeyAnyway') };
        const choice = await vscode.window.showWarningMessage(text, anyway, actionItem('showLog'));
        if (choice === anyway) return storeKey(candidate, { ...options, force: true });
        if (choice && 'action' in choice) await follow(choice as ActionItem);
        return false;
      }
    }
  }

  function withCancellableProgress<T>(title: string, job: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await job(controller.signal);
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  async function clearApiKey(): Promise<boolean> {
    try {
      const current = await keys.get();
      if (current === undefined) {
        void vscode.window.showInformationMessage(t('ui.clearKey.none'));
        return false;
      }
      const remove: vscode.MessageItem = { title: t('ui.clearKey.remove') };
      const choice = await vscode.window.showWarningMessage(
        t('ui.clearKey.confirm'),
        { modal: true, detail: t('ui.clearKey.detail', { masked: maskKey(current) }) },
        remove,
      );
      if (choice !== remove) return false;
      await keys.clear();
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      void showKeyStoreError(error);
      return false;
    }
    log.info('Pool API key removed from secret storage.');
    void vscode.window.showInformationMessage(t('ui.clearKey.done'));
    return true;
  }

  /** A Pool key (or token) found in the URL or model setting: store it as the key, clear the setting. */
  async function moveSecretFromSettings(): Promise<boolean> {
    const fields = deps.settings.read().secretIn;
    let stored = false;
    try {
      for (const field of fields) {
        const raw = deps.settings.rawValue(field);
        const key = typeof raw === 'string' ? extractPoolKey(raw) : undefined;
        const moved: boolean = key !== undefined && !stored && (await storeKey(key, { quietWhenStored: true }));
        stored ||= moved;
        await deps.settings.clearSetting(field);
        const what = moved
          ? 'moved to secret storage'
          : key !== undefined
            ? 'not stored (see the message shown)'
            : 'removed (it was not a Pool API key)';
        log.info(`The secret found in codexPooler.${field} was ${what}; the setting was cleared.`);
      }
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      void showKeyStoreError(error);
      return false;
    }
    void vscode.window.showInformationMessage(t(stored ? 'ui.secretInSetting.moved' : 'ui.secretInSetting.removed'));
    return stored;
  }

  async function copyDiagnostics(): Promise<string> {
    const last = checks.last?.report ?? (await backgroundReport());
    const settings = deps.settings.read();
    const key = await keys.state();
    const proxy = proxyRouteFor(settings.baseUrl, proxySettings());
    const lines = [
      'Codex Pooler for Trae: diagnostics',
      `Extension: codex-pooler-trae ${deps.extensionVersion}`,
      `Editor: ${vscode.env.appName} ${vscode.version} (uri scheme ${vscode.env.uriScheme}, host ${vscode.env.appHost}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, language ${vscode.env.language}, ${process.platform}/${process.arch}, Node ${process.versions.node})`,
      `Settings: baseUrl=${JSON.stringify(settings.baseUrl)} fullUrl=${String(settings.fullUrl)} model=${JSON.stringify(settings.model)} healthCheck.intervalSeconds=${settings.intervalSeconds} requestTimeoutSeconds=${settings.timeoutSeconds}${settings.secretIn.length ? ` (a secret was found in ${settings.secretIn.join(', ')} and ignored)` : ''}`,
      `Proxy for the pool: ${describeRoute(proxy)}`,
      `Pool API key: ${key.kind === 'none' ? 'not stored' : key.kind === 'unavailable' ? `secret storage unavailable (${key.error.detail})` : key.isPoolKey ? `stored (${key.masked})` : 'stored, but not a Pool key'}`,
      '',
      'Last check:',
      last ? formatReport(last, (m) => renderMsg(m)) : '(none)',
      ...traeFindingLines(),
    ];
    const text = deps.redactor.redact(lines.join('\n'));
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(t('ui.diagnostics.copied'));
    return text;
  }

  /** A Trae-shaped finding that still holds for the saved setup (it colours the status bar). */
  function traeFindingLines(): string[] {
    const finding = deps.findings.current;
    if (!finding) return [];
    return [
      '',
      `Trae-shaped check (${new Date(finding.finishedAt).toISOString()}), still holding:`,
      formatTraeReport(finding.report, (m) => renderMsg(m)),
    ];
  }

  async function backgroundReport(): Promise<CheckReport | undefined> {
    const outcome = await checks.check('background');
    return outcome.kind === 'report' ? outcome.report : undefined;
  }

  async function statusMenu(): Promise<void> {
    const items: Array<vscode.QuickPickItem & { command: string }> = [
      {
        label: `$(debug-start) ${t('ui.action.checkConnection')}`,
        description: t('ui.menu.checkDescription'),
        command: COMMANDS.checkConnection,
      },
      { label: `$(settings-gear) ${t('ui.action.openWizard')}`, command: COMMANDS.openWizard },
      { label: `$(output) ${t('ui.action.showLog')}`, command: COMMANDS.showLog },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Codex Pooler',
      placeHolder: t('ui.menu.placeholder'),
    });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  const trae = traeCommands(deps);

  return {
    checkConnection,
    openWizard: () => deps.openWizard(),
    explainTraeError: trae.explainTraeError,
    moveSecretFromSettings,
    traeCheck: trae.traeCheck,
    setApiKey,
    clearApiKey,
    showLog: () => log.show(),
    copyDiagnostics,
    statusMenu,
  };
}
