// What the wizard tells the user about a change it made or refused (a model in the pool's casing, a
// key cleared elsewhere, a pasted secret not kept): newest first, one per kind, a few at most.
import type { Notice, NoticeId } from './modelTypes';

const MAX_NOTICES = 5;

export class NoticeBoard {
  #list: Notice[] = [];

  get list(): readonly Notice[] {
    return this.#list;
  }

  add(notice: Notice): void {
    this.#list = [notice, ...this.#list.filter((n) => n.id !== notice.id)].slice(0, MAX_NOTICES);
  }

  keepOnly(ids: readonly NoticeId[]): void {
    this.#list = this.#list.filter((n) => ids.includes(n.id));
  }
}
