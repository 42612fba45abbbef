// "Codex Pooler: Confirm Trae Reaches the Pool": with the wizard open, its last step does the watching;
// otherwise a cancellable notification watches the pool's free usage counter (never a chat) until Trae's
// first request arrives, 10 minutes pass, or the user cancels. What arrived is remembered as "Confirmed
// from Trae" for this setup and key.
import * as vscode from 'vscode';
import { analyzeEndpoint } from '../core/url/endpoint';
import type { PoolKeyStore } from '../services/keyStore';
import type { TraeConfirmations } from '../services/traeConfirmations';
import type { TraeWatch, WatchState } from '../services/traeWatch';
import { actionItem, runAction } from './actions';
import { localTimeOfDay, render, t } from './l10n';
import type { Log } from './log';
import type { VscodeSettings } from './settings';

export interface ConfirmCommandDeps {
  readonly keys: PoolKeyStore;
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly confirmations: Pick<TraeConfirmations, 'record'>;
  readonly watch: () => TraeWatch;
  /** Shows the wizard's last step if a wizard is open (false: none is). */
  readonly showConfirmStep: () => boolean;
}

export function confirmCommand(deps: ConfirmCommandDeps): () => Promise<WatchState | undefined> {
  const follow = (item: ReturnType<typeof actionItem> | undefined) => runAction(item?.action, () => deps.log.show());
  return async () => {
    if (deps.showConfirmStep()) return undefined;
    const settings = deps.settings.read();
    const ready = analyzeEndpoint(settings.baseUrl, settings.fullUrl).endpoint && settings.model.trim() !== '';
    if (!ready || (await deps.keys.state()).kind !== 'stored') {
      void vscode.window
        .showWarningMessage(t('ui.confirmTrae.notSetUp'), actionItem('openWizard'))
        .then(follow)
        .then(undefined, (error: unknown) => deps.log.error(`Opening the wizard failed: ${String(error)}`));
      return undefined;
    }
    const end = await watchWithProgress(deps);
    if (end.phase === 'arrived') {
      deps.log.info(`Confirm Trae: a request with the key reached the pool (+${end.requests} requests).`);
      const at = Date.now();
      // Said only if it holds: the URL, model or key may have changed while the usage was read.
      if (!(await deps.confirmations.record({ target: end.target, keyFingerprint: end.keyFingerprint, at }))) {
        return end;
      }
      void vscode.window.showInformationMessage(
        t(end.requests === 1 ? 'ui.wizard.confirm.arrivedOne' : 'ui.wizard.confirm.arrivedMany', {
          time: localTimeOfDay(end.at),
          requests: end.requests,
          tokens: end.tokens,
        }),
      );
    } else if (end.phase === 'timedOut') {
      void vscode.window
        .showWarningMessage(t('ui.confirmTrae.timedOut'), actionItem('openWizard'))
        .then(follow)
        .then(undefined, (error: unknown) => deps.log.error(`Opening the wizard failed: ${String(error)}`));
    }
    return end;
  };
}

/** Watches in a notification until something arrives, 10 minutes pass, or the user cancels. */
function watchWithProgress(deps: ConfirmCommandDeps): Thenable<WatchState> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('ui.confirmTrae.progress'), cancellable: true },
    (progress, token) =>
      new Promise<WatchState>((resolve) => {
        const watch = deps.watch();
        const subscriptions: Array<{ dispose(): void }> = [];
        const finish = (state: WatchState) => {
          for (const s of subscriptions) s.dispose();
          watch.dispose();
          resolve(state);
        };
        subscriptions.push(
          token.onCancellationRequested(() => finish({ phase: 'idle' })),
          watch.onDidChange((state) => {
            // 'idle': the watch was stopped from outside (deactivation): the notification ends too.
            if (state.phase === 'arrived' || state.phase === 'timedOut' || state.phase === 'idle') return finish(state);
            progress.report({ message: progressText(state) });
          }),
        );
        watch.start();
      }),
  );
}

function progressText(state: WatchState): string {
  if (state.phase === 'settling') return t('ui.wizard.confirm.settling');
  if (state.phase !== 'waiting') return '';
  if (state.problem) return t('ui.wizard.confirm.readFailed', { problem: render(state.problem) });
  return state.quiet ? t('ui.confirmTrae.quiet') : t('ui.confirmTrae.waiting');
}
