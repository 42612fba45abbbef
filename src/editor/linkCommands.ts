// Setup links in the editor: the URI handler (`<scheme>://<publisher>.<name>/setup?url=…&model=…&fullUrl=…`,
// `model` repeated for each further model) and "Codex Pooler: Copy Setup Link". A link is read by the core
// (src/core/trae/setupLink.ts); a refused one changes nothing (no wizard, no request, no setting) and gets
// one notification in the user's language.
// The link itself is never logged: a refused one may carry a secret.
import * as vscode from 'vscode';
import { parseSetupLink, type LinkResult } from '../core/trae/setupLink';
import type { InviteTarget } from '../core/trae/invite';
import { inviteFor, inviteText, localHostOf, type InviteSource } from '../core/trae/invite';
import { actionItem, runAction } from './actions';
import { render, t } from './l10n';
import type { Log } from './log';
import type { VscodeSettings } from './settings';

export interface LinkCommandDeps {
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly extensionId: string;
  /** Opens the wizard with a link's values as a draft "from a link". */
  readonly openLink: (link: Extract<LinkResult, { ok: true }>) => Promise<void>;
}

export function linkCommands(deps: LinkCommandDeps) {
  const source = (): InviteSource => {
    const { baseUrl, fullUrl, model, moreModels } = deps.settings.read();
    return {
      saved: { baseUrl, fullUrl, model, moreModels },
      scheme: vscode.env.uriScheme,
      extensionId: deps.extensionId,
    };
  };

  /** The URI handler: a good link opens the wizard prefilled; a bad one is refused with the reason. */
  async function handleUri(uri: vscode.Uri): Promise<void> {
    const result = parseSetupLink({ path: uri.path, query: uri.query });
    if (!result.ok) {
      deps.log.warn(`A setup link was refused (${result.code}); nothing was opened, sent or kept.`);
      void vscode.window.showErrorMessage(t('link.refused', { cause: render(result.cause), fix: render(result.fix) }));
      return;
    }
    deps.log.info(`A setup link for ${result.host} was opened.`);
    await deps.openLink(result);
  }

  /** Copies a setup link (or the wiki snippet) for the saved setup; returns what was copied. */
  async function copySetupLink(): Promise<string | undefined> {
    const links = inviteFor(source());
    if (!links) {
      const choice = await vscode.window.showWarningMessage(t('ui.copyLink.notSetUp'), actionItem('openWizard'));
      await runAction(choice?.action, () => deps.log.show());
      return undefined;
    }
    type Item = vscode.QuickPickItem & { what: InviteTarget };
    const items: Item[] = [
      { label: t('ui.copyLink.thisEditor'), detail: links.thisEditor, what: 'linkThisEditor' },
      ...(links.trae !== links.thisEditor
        ? [{ label: t('ui.copyLink.trae'), detail: links.trae, what: 'linkTrae' } as const]
        : []),
      ...(links.traeCn !== links.thisEditor
        ? [{ label: t('ui.copyLink.traeCn'), detail: links.traeCn, what: 'linkTraeCn' } as const]
        : []),
      { label: t('ui.copyLink.markdown'), what: 'linkMarkdown' },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: t('ui.copyLink.placeholder') });
    if (!picked) return undefined;
    const text = inviteText(picked.what, source(), render);
    if (text === undefined) return undefined;
    await vscode.env.clipboard.writeText(text);
    // A pool on this computer: on a teammate's computer the link would point at their own computer.
    const local = localHostOf(source());
    if (local) void vscode.window.showWarningMessage(t('ui.copyLink.local', { what: picked.label, host: local }));
    else void vscode.window.showInformationMessage(t('ui.copyLink.copied', { what: picked.label }));
    return text;
  }

  return { handleUri, copySetupLink };
}
