// The stored key as the wizard knows it (masked, with a one-way fingerprint; never the key): the key this
// wizard works with (the one stored when it opened, or stored here), and a new key the pool did not accept
// that waits in memory for the user's choice. A change made elsewhere is said. No I/O.
import type { NoticeBoard } from './notices';
import type { KeyInfo, PendingKey } from './stateTypes';

export class KeyTracker {
  #key: KeyInfo;
  /** The fingerprint of the key this wizard works with. */
  #own: string | undefined;
  /** A new key that was not stored because the stored one works (see PendingKey; set by checks/keyEntry.ts). */
  pending: PendingKey | undefined;

  constructor(key: KeyInfo) {
    this.#key = key;
    this.#own = key.kind === 'stored' ? key.fingerprint : undefined;
  }

  get key(): KeyInfo {
    return this.#key;
  }

  /**
   * The stored key as it is now; `byWizard`: stored here, so it becomes the key this wizard works with (no
   * "a different key" notice; the wizard's own key back takes that notice away). True when it is another key.
   */
  set(key: KeyInfo, byWizard: boolean, board: NoticeBoard): boolean {
    const before = this.#key;
    this.#key = key;
    const fingerprint = key.kind === 'stored' ? key.fingerprint : undefined;
    if (byWizard) this.#own = fingerprint;
    board.keyChanged(before, key, byWizard || (fingerprint !== undefined && fingerprint === this.#own));
    const same =
      before.kind === key.kind &&
      (before.kind !== 'stored' || (key.kind === 'stored' && before.fingerprint === key.fingerprint));
    return !same;
  }
}
