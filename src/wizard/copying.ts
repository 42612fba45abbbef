// What a Copy button on the Trae step or the last step puts on the clipboard: a field of Trae's dialog (or
// all of them), the test message, a setup link, or the stored key (read from the key store by the host:
// it never passes through the page). Only once Trae can be set up. No `vscode`.
import { CHECK_PROMPT } from '../core/pool/poolClient';
import { msg } from '../core/text/messages';
import { KeyStoreError } from '../services/keyStore';
import { keyStoreRefusal, RefusedRequest, type WizardPorts } from './ports';
import { isInviteTarget, type CopyTarget } from './protocol';
import type { WizardState } from './state';

export async function copyText(
  state: WizardState,
  what: CopyTarget,
  ports: Pick<WizardPorts, 'keys' | 'inviteText' | 'guideText'>,
): Promise<string> {
  if (!state.reachable('trae')) throw new RefusedRequest(msg('ui.wizard.refused.notReachable'));
  let text: string | undefined;
  if (what === 'apiKey') {
    try {
      text = await ports.keys.get();
    } catch (error) {
      throw error instanceof KeyStoreError ? keyStoreRefusal(error) : error;
    }
    if (text === undefined) throw new RefusedRequest(msg('ui.wizard.refused.noKey'));
  } else if (what === 'testPrompt') {
    text = CHECK_PROMPT;
  } else if (isInviteTarget(what)) {
    text = ports.inviteText(what);
  } else {
    text = ports.guideText(state, what);
  }
  if (text === undefined) throw new RefusedRequest(msg('ui.wizard.trae.copyFailed'));
  return text;
}
