// What the commands do. Each is a thin step from the user to the services and back; they behave the
// same for every caller (no arguments that skip a question or store a key silently).
import * as vscode from 'vscode';
import type { CheckReport } from '../core/check/checkReport';
import { renderMsg } from '../core/text/messages';
import type { KeyReplacement } from '../services/keyReplacement';
import type { TraeConfirmations } from '../services/traeConfirmations';
import type { TraeFindings } from '../services/traeFindings';
import type { TraeWatch } from '../services/traeWatch';
import { formatTraeReport } from '../core/check/traeShaped/traeReportText';
import { describeRoute, proxyRouteFor } from '../core/http/proxyRoute';
import { formatReport } from '../core/check/reportText';
import type { CheckService } from '../services/checkService';
import type { ModelTests } from '../services/modelTests';
import { modelDiagnosticLines, modelStatuses } from '../services/statusModel';
import { checkNotice } from '../services/checkNotice';
import type { OnDemandChecks } from '../services/onDemandChecks';
import type { PoolKeyStore } from '../services/keyStore';
import type { Redactor } from '../services/redactor';
import { actionItem, availableActions, runAction, type ActionItem } from './actions';
import { COMMANDS, type CommandName } from './commandIds';
import { render, t } from './l10n';
import { confirmCommand } from './confirmCommand';
import { keyCommands } from './keyCommands';
import { linkCommands, type LinkCommandDeps } from './linkCommands';
import { pickModel } from './modelPick';
import { traeCommands } from './traeCommands';
import type { Log } from './log';
import { proxySettings, type VscodeSettings } from './settings';

export interface CommandDependencies extends Pick<LinkCommandDeps, 'extensionId' | 'openLink'> {
  readonly checks: CheckService;
  readonly onDemand: OnDemandChecks;
  readonly keys: PoolKeyStore;
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly replacement: KeyReplacement;
  readonly findings: Pick<TraeFindings, 'current'>;
  readonly confirmations: Pick<TraeConfirmations, 'current' | 'record'>;
  readonly modelTests: Pick<ModelTests, 'lastOf'>;
  readonly watch: () => TraeWatch;
  readonly openWizard: () => void | Promise<void>;
  /** Shows the open wizard's last step; false when no wizard is open. */
  readonly showConfirmStep: () => boolean;
  readonly extensionVersion: string;
}

export type CommandHandlers = Record<CommandName, () => unknown> & {
  /** The URI handler for setup links (not a command: the editor calls it with the link). */
  readonly handleUri: (uri: vscode.Uri) => Promise<void>;
};

export function commandHandlers(deps: CommandDependencies): CommandHandlers {
  const { checks, keys, log } = deps;
  const follow = (choice: ActionItem | undefined) => runAction(choice?.action, () => log.show());

  async function checkConnection(): Promise<CheckReport | undefined> {
    // Several models: which one to check (Enter: the main one); Escape sends nothing.
    const pick = await pickModel(deps.settings.read(), t('ui.pickModel.checkTitle'));
    if (pick?.kind !== 'model') return undefined;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('ui.check.progress'), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await checks.checkModel('full', pick.model, { signal: controller.signal });
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

  /** What the check found, and the buttons that lead on (the one that clears the status bar first). */
  async function showOutcome(report: CheckReport): Promise<void> {
    const notice = checkNotice(report, deps.findings.current);
    const text = notice.text.map(render).join(' ');
    const items = (await availableActions(notice.actions)).map(actionItem);
    const show =
      notice.severity === 'error'
        ? vscode.window.showErrorMessage
        : notice.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return follow(await show(text, ...items));
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
      `Settings: baseUrl=${JSON.stringify(settings.baseUrl)} fullUrl=${String(settings.fullUrl)} model=${JSON.stringify(settings.model)}${settings.moreModels.length ? ` moreModels=${JSON.stringify(settings.moreModels)}` : ''} healthCheck.intervalSeconds=${settings.intervalSeconds} requestTimeoutSeconds=${settings.timeoutSeconds}${settings.secretIn.length ? ` (a secret was found in ${settings.secretIn.join(', ')} and ignored)` : ''}`,
      `Proxy for the pool: ${describeRoute(proxy)}`,
      `Pool API key: ${key.kind === 'none' ? 'not stored' : key.kind === 'unavailable' ? `secret storage unavailable (${key.error.detail})` : key.isPoolKey ? `stored (${key.masked})` : 'stored, but not a Pool key'}`,
      '',
      'Last check:',
      last ? formatReport(last, (m) => renderMsg(m)) : '(none)',
      ...(last ? modelDiagnosticLines(modelStatuses(last, (model) => deps.modelTests.lastOf(model))) : []),
      ...traeFindingLines(),
      ...confirmationLines(),
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

  /** "Confirmed from Trae": a request with the key reached the pool while the user watched for it. */
  function confirmationLines(): string[] {
    const confirmed = deps.confirmations.current;
    return [
      '',
      confirmed
        ? `Confirmed from Trae: ${new Date(confirmed.at).toISOString()} (a request with this key reached the pool)`
        : 'Confirmed from Trae: not for this setup and key',
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
      { label: `$(eye) ${t('ui.action.confirmTrae')}`, command: COMMANDS.confirmTrae },
      { label: `$(output) ${t('ui.action.showLog')}`, command: COMMANDS.showLog },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Codex Pooler',
      placeHolder: t('ui.menu.placeholder'),
    });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  const trae = traeCommands(deps);
  const key = keyCommands(deps);
  const links = linkCommands(deps);

  return {
    checkConnection,
    openWizard: () => deps.openWizard(),
    explainTraeError: trae.explainTraeError,
    moveSecretFromSettings: key.moveSecretFromSettings,
    traeCheck: trae.traeCheck,
    confirmTrae: confirmCommand(deps),
    copySetupLink: links.copySetupLink,
    setApiKey: key.setApiKey,
    clearApiKey: key.clearApiKey,
    showLog: () => log.show(),
    copyDiagnostics,
    statusMenu,
    handleUri: links.handleUri,
  };
}
