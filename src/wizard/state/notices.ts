// What the wizard tells the user about a change it made or refused (a model in the pool's casing, a key
// changed or cleared elsewhere, a pasted secret not kept): newest first, one per kind, a few at most. A
// notice goes away once what it said no longer holds (the right key is back).
import { msg, type MessageId, type Msg } from '../../core/text/messages';
import type { Severity } from '../../core/url/endpoint';
import type { TidyCode, TidyUrl } from '../../core/url/endpointTidy';
import { LIMITS } from '../protocol/limits';
import type { Draft, KeyInfo, Notice, NoticeId } from './stateTypes';

const TIDY_WORDS = {
  'surrounding-whitespace': 'ui.wizard.notice.tidyWhitespace',
  quoted: 'ui.wizard.notice.tidyQuotes',
  'trailing-slash': 'ui.wizard.notice.tidySlash',
} as const satisfies Record<TidyCode, MessageId>;

export class NoticeBoard {
  #list: Notice[] = [];

  get list(): readonly Notice[] {
    return this.#list;
  }

  say(id: NoticeId, severity: Severity, message: Msg): void {
    this.#list = [{ id, severity, message }, ...this.#list.filter((n) => n.id !== id)].slice(0, LIMITS.notices);
  }

  /**
   * A setup link replaced unsaved values: said, with what they were, and whose they were: the user's own
   * edits, or what an earlier link (to `earlierHost`) filled in.
   */
  linkReplaced(values: Draft, earlierHost: string | undefined): void {
    const args = { url: values.url, model: values.modelId || '—' };
    this.say(
      'linkReplaced',
      'info',
      earlierHost === undefined
        ? msg('ui.wizard.notice.linkReplaced', args)
        : msg('ui.wizard.notice.linkReplacedLink', { ...args, host: earlierHost }),
    );
  }

  /** Saved; when the URL was saved tidied (tidyEndpointUrl), as what and without what: never changed unsaid. */
  saved(tidied?: TidyUrl): void {
    if (!tidied) return this.say('saved', 'info', msg('ui.wizard.notice.saved'));
    const [first, ...rest] = tidied.removed.map((code) => msg(TIDY_WORDS[code]));
    const without = rest.reduce<Msg>((a, b) => msg('ui.wizard.notice.tidyAnd', { a, b }), first!);
    this.say('saved', 'info', msg('ui.wizard.notice.savedTidy', { url: tidied.url, without }));
  }

  /** A setup link that repeats the saved setup: nothing changes, and the wizard says that it arrived. */
  linkSame(): void {
    this.say('linkSame', 'info', msg('ui.wizard.notice.linkSame'));
  }

  dismiss(id: NoticeId): void {
    this.#list = this.#list.filter((n) => n.id !== id);
  }

  keepOnly(ids: readonly NoticeId[]): void {
    this.#list = this.#list.filter((n) => ids.includes(n.id));
  }

  /**
   * The stored key changed from `before` to `after`. `isOwn`: it is the key this wizard works with (the
   * one it opened with, or stored itself), so a "different key" notice no longer holds.
   */
  keyChanged(before: KeyInfo, after: KeyInfo, isOwn: boolean): void {
    if (after.kind === 'stored') this.dismiss('keyCleared');
    if (isOwn) this.dismiss('keyChanged');
    const changed =
      before.kind !== after.kind ||
      (before.kind === 'stored' && after.kind === 'stored' && before.fingerprint !== after.fingerprint);
    if (!changed) return;
    if (after.kind === 'none' && before.kind === 'stored')
      this.say('keyCleared', 'warning', msg('ui.wizard.notice.keyCleared'));
    if (after.kind === 'stored' && before.kind === 'stored' && !isOwn) {
      this.say('keyChanged', 'info', msg('ui.wizard.notice.keyChanged', { masked: after.masked }));
    }
  }
}
