// What a Copy button on the Trae step or the last step puts on the clipboard: a field of Trae's dialog (or
// all of them), the test message, a setup link, or the stored key (read from the key store by the host:
// it never passes through the page), and how the key leaves the clipboard again. Only once Trae can be set
// up. No `vscode`.
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/check/healthSchedule';
import { CHECK_PROMPT } from '../../core/pool/poolClient';
import { redactText } from '../../core/secrets/redact';
import { msg } from '../../core/text/messages';
import type { Disposable } from '../../services/events';
import { KeyStoreError } from '../../services/keyStore';
import type { LogPort } from '../../services/ports';
import { keyStoreRefusal, type ClipboardPort, type WizardClipboard, type WizardPorts } from './ports';
import { RefusedRequest } from '../protocol/protocol';
import { isInviteTarget, type CopyTarget } from '../protocol/protocol';
import { KEY_ON_CLIPBOARD_SECONDS } from '../protocol/limits';
import type { WizardState } from '../state/state';

export async function copyText(
  state: WizardState,
  what: CopyTarget,
  ports: Pick<WizardPorts, 'keys' | 'inviteText' | 'guideText'>,
  model?: string,
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
    text = ports.guideText(state, what, model);
  }
  if (text === undefined) throw new RefusedRequest(msg('ui.wizard.trae.copyFailed'));
  return text;
}

/**
 * The clipboard as the wizard writes it. The key does not stay there: like a password manager (KeePassXC
 * clears after 10 s, 1Password after 90 s) it is cleared after KEY_ON_CLIPBOARD_SECONDS, and only if the
 * clipboard still holds exactly that key, so nothing the user copied since is ever cleared. It outlives the
 * panel (a wizard closed within the minute still clears it) and holds a one-way hash, never the key.
 */
export class KeyClipboard implements WizardClipboard, Disposable {
  #timer: unknown;
  /** The SHA-256 of the key copied last, while it may still be on the clipboard. */
  #copiedHash: string | undefined;
  /** Bumps on every copy of the key: a clear that began before it leaves the new copy alone. */
  #copies = 0;

  constructor(private readonly deps: { clipboard: ClipboardPort; clock: Clock; log: LogPort }) {}

  async copy(text: string): Promise<void> {
    await this.deps.clipboard.writeText(text);
  }

  /** Copying the key again starts the minute again. */
  async copyKey(key: string): Promise<void> {
    this.#forget();
    const copy = ++this.#copies;
    await this.deps.clipboard.writeText(key);
    if (copy !== this.#copies) return;
    this.#copiedHash = hashOf(key);
    this.#timer = this.deps.clock.setTimeout(() => void this.clearKey(), KEY_ON_CLIPBOARD_SECONDS * 1000);
  }

  /** Clears the clipboard now if it still holds exactly the key copied last (the timer, or deactivation). */
  async clearKey(): Promise<void> {
    const hash = this.#copiedHash;
    const copy = this.#copies;
    this.#forget();
    if (hash === undefined) return;
    try {
      const now = await this.deps.clipboard.readText();
      // Something else was copied since (by the user, or the key again): it stays.
      if (hashOf(now) !== hash || copy !== this.#copies) return;
      await this.deps.clipboard.writeText('');
      this.deps.log.info('Setup wizard: the Pool API key was cleared from the clipboard.');
    } catch (error) {
      // The clipboard's own error, with anything secret-shaped removed: the key never reaches the log.
      const detail = redactText(error instanceof Error ? error.message : String(error)).slice(0, 200);
      this.deps.log.warn(`Setup wizard: could not clear the Pool API key from the clipboard: ${detail}`);
    }
  }

  /** Deactivation: no timer outlives the extension, so the key is cleared now if it is still there. */
  dispose(): void {
    void this.clearKey();
  }

  #forget(): void {
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#copiedHash = undefined;
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
