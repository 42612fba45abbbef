// The two commands about Trae itself: "Explain a Trae Error" (pick a code or paste Trae's message, in
// English or Chinese; it runs the check that decides it) and the Trae-shaped check (streamed, with a
// tool, two turns). Both cost quota only when the check that decides needs the chat, and say so first.
import * as vscode from 'vscode';
import { parseTraeError, TRAE_ERRORS, traeErrorFact, type TraeErrorKey } from '../core/trae/traeErrors';
import type { TraeCheckReport } from '../core/check/traeShaped/traeCheck';
import type { CheckService } from '../services/checkService';
import type { OnDemandChecks } from '../services/onDemandChecks';
import { checkTraeError, type TraeErrorFinding } from '../services/traeErrorCheck';
import { isMainModel, modelChoices, withModel } from '../services/modelChoice';
import { pickModel } from './modelPick';
import { actionItem, runAction, type ActionItem } from './actions';
import { render, t } from './l10n';
import type { Log } from './log';
import { withCancellableProgress } from './progress';
import type { VscodeSettings } from './settings';

export interface TraeCommandDeps {
  readonly checks: CheckService;
  readonly onDemand: OnDemandChecks;
  readonly settings: VscodeSettings;
  readonly log: Log;
}

type PickedKey = TraeErrorKey | 'paste';

export function traeCommands(deps: TraeCommandDeps) {
  const { checks, onDemand, settings, log } = deps;
  const follow = (choice: ActionItem | undefined) => runAction(choice?.action, () => log.show());
  const logFailure = (error: unknown) => log.error(`A notification's action failed: ${String(error)}`);

  async function confirmQuota(): Promise<boolean> {
    const run: vscode.MessageItem = { title: t('ui.traeCheck.run') };
    return (await vscode.window.showWarningMessage(t('ui.traeCheck.confirm'), { modal: true }, run)) === run;
  }

  /**
   * The Trae-shaped check of the saved settings. Only offered on a button that already says it uses a little
   * quota, so no second question is asked; the notification is not awaited (the report is returned).
   */
  async function traeCheck(): Promise<TraeCheckReport | undefined> {
    const saved = settings.read();
    const pick = await pickModel(saved, t('ui.pickModel.traeTitle'));
    if (pick?.kind !== 'model') return undefined;
    const target = isMainModel(saved, pick.model) ? undefined : withModel(saved, pick.model);
    const outcome = await withCancellableProgress(t('ui.traeCheck.progress'), (signal) =>
      onDemand.traeCheck(target, { signal }),
    );
    if (outcome.kind === 'cancelled') return undefined;
    const report = outcome.report;
    const first = report.diagnoses.find((d) => d.severity !== 'info');
    if (report.verdict === 'ok' || !first) {
      const turn = report.turns[0];
      void vscode.window
        .showInformationMessage(
          t('ui.traeCheck.ok', { ttft: turn?.timeToFirstTokenMs ?? 0, ms: report.durationMs }),
          actionItem('showLog'),
        )
        .then(follow)
        .then(undefined, logFailure);
      return report;
    }
    const text = t(report.verdict === 'error' ? 'ui.traeCheck.failed' : 'ui.traeCheck.warning', {
      cause: render(first.cause),
      fix: render(first.fix),
    });
    const show = report.verdict === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(text, actionItem('copyDiagnostics'), actionItem('showLog')).then(follow).then(undefined, logFailure);
    return report;
  }

  async function explainTraeError(): Promise<TraeErrorFinding | undefined> {
    const title = t('ui.explain.title');
    const items: Array<vscode.QuickPickItem & { key: PickedKey }> = [
      ...TRAE_ERRORS.filter((e) => e.key !== 'unknown').map((e) => ({
        label: String(e.key),
        description: e.shown ?? '',
        detail: t(e.meaning),
        key: e.key,
      })),
      { label: `$(clippy) ${t('ui.explain.paste')}`, key: 'paste' },
      { label: `$(question) ${t('ui.explain.other')}`, detail: t('traeError.unknown.meaning'), key: 'unknown' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: t('ui.explain.placeholder'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    let key: TraeErrorKey;
    if (picked.key === 'paste') {
      const text = await vscode.window.showInputBox({
        title,
        prompt: t('ui.explain.pastePrompt'),
        ignoreFocusOut: true,
        validateInput: (value) => {
          const code = parseTraeError(value);
          return value.trim() === ''
            ? undefined
            : {
                message: code ? t('ui.explain.recognized', { code }) : t('ui.explain.notRecognized'),
                severity: vscode.InputBoxValidationSeverity.Info,
              };
        },
      });
      if (text === undefined) return undefined;
      key = parseTraeError(text) ?? 'unknown';
    } else {
      key = picked.key;
    }
    const fact = traeErrorFact(key);
    let modelId: string | undefined;
    // Every deciding check but reachability is about one model: with several, which one (Enter: the main).
    if (fact.decidedBy !== 'reachability') {
      const pick = await pickModel(settings.read(), title, { other: fact.decidedBy === 'modelListed' });
      if (!pick) return undefined;
      modelId = pick.kind === 'model' ? pick.model : undefined;
    }
    // 984 is about the value typed in Trae: asked as before (with several models, only for "Another Model ID").
    if (fact.decidedBy === 'modelListed' && (modelId === undefined || modelChoices(settings.read()).length === 0)) {
      modelId = await vscode.window.showInputBox({
        title,
        prompt: t('ui.explain.modelIdPrompt'),
        value: modelId ?? settings.read().model,
        ignoreFocusOut: true,
      });
      if (modelId === undefined) return undefined;
    }
    if ((fact.decidedBy === 'fullAndTraeShaped' || fact.decidedBy === 'fullAndOperator') && !(await confirmQuota()))
      return undefined;
    const outcome = await withCancellableProgress(t('ui.explain.progress', { code: String(key) }), (signal) =>
      checkTraeError(key, { ...(modelId !== undefined ? { modelId } : {}), signal }, { checks, onDemand, settings }),
    );
    if (outcome.kind === 'cancelled') return undefined;
    const finding = outcome.finding;
    const found = [
      ...finding.lines.map(render),
      ...finding.problems.slice(0, 2).map((d) => `${render(d.cause)} ${render(d.fix)}`),
    ].join(' ');
    const heading = key === 'unknown' ? t('ui.explain.headingUnknown') : t('ui.explain.heading', { code: String(key) });
    const text = `${heading} ${t(fact.meaning)} ${t('ui.explain.found', { found })}`;
    log.info(
      `Explain a Trae error (${String(key)}, decided by ${finding.decidedBy}): ${finding.verdict}. ${[...finding.lines.map(render), ...finding.problems.map((d) => `[${d.severity}] ${d.code}: ${render(d.cause)} -> ${render(d.fix)} (${d.detail})`)].join(' | ')}`,
    );
    const buttons = [actionItem('openWizard'), actionItem('copyDiagnostics'), actionItem('showLog')];
    const show = finding.verdict === 'cause' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(text, ...buttons)
      .then(follow)
      .then(undefined, logFailure);
    return finding;
  }

  return { traeCheck, explainTraeError };
}
