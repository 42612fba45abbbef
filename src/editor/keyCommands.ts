// The commands about the Pool API key: Set (a working key is never replaced by one the pool rejects; the
// user may store it anyway), Clear (asks first), and moving a key that was pasted into a setting to the
// secret storage. They behave the same for every caller: no argument skips a question or stores a key.
import * as vscode from 'vscode';
import { analyzeKey, extractPoolKey } from '../core/secrets/poolKey';
import { maskKey } from '../core/secrets/keyShape';
import type { KeyReplacement, ReplaceOutcome } from '../services/keyReplacement';
import { KeyStoreError, type PoolKeyStore } from '../services/keyStore';
import { actionItem, actionsFor, runAction, type ActionItem } from './actions';
import { render, t } from './l10n';
import type { Log } from './log';
import { withCancellableProgress } from './progress';
import type { VscodeSettings } from './settings';

export interface KeyCommandDeps {
  readonly keys: PoolKeyStore;
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly replacement: KeyReplacement;
}

export function keyCommands(deps: KeyCommandDeps) {
  const { keys, log } = deps;
  const follow = (choice: ActionItem | undefined) => runAction(choice?.action, () => log.show());

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
      case 'changing':
        void vscode.window.showWarningMessage(
          `${t('key.changing.cause', { candidate: outcome.candidate })} ${t('key.changing.fix')}`,
        );
        return false;
      case 'stored': {
        // Said even when quiet: the user should know the decision was made about another stored key.
        const meanwhile = outcome.changedMeanwhile ? t('key.changedMeanwhile') : undefined;
        if (!options.quietWhenStored || meanwhile) {
          const saved = t('ui.setKey.saved', { masked: outcome.masked });
          void vscode.window.showInformationMessage([meanwhile, saved].filter(Boolean).join(' '));
        }
        return true;
      }
      case 'kept': {
        const said = t(outcome.verdict === 'rejected' ? 'key.kept.rejected' : 'key.kept.unknown', {
          candidate: outcome.candidate,
          kept: outcome.kept,
        });
        const meanwhile = outcome.changedMeanwhile && t('key.changedMeanwhile');
        const text = [meanwhile, said, outcome.reason && render(outcome.reason.cause), t('key.kept.fix')]
          .filter(Boolean)
          .join(' ');
        // The safe choice first (the highlighted button): the working key stays; storing the other is the risk.
        const keep: vscode.MessageItem = { title: t('ui.action.keepWorkingKey') };
        const anyway: vscode.MessageItem = { title: t('ui.action.storeKeyAnyway') };
        const choice = await vscode.window.showWarningMessage(text, keep, anyway, actionItem('showLog'));
        if (choice === anyway) return storeKey(candidate, { ...options, force: true });
        if (choice && 'action' in choice) await follow(choice as ActionItem);
        return false;
      }
    }
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

  return { setApiKey, clearApiKey, moveSecretFromSettings, showKeyStoreError };
}
