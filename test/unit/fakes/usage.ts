// The pool's free usage counter for one key, in memory: what GET /v1/usage answers as the contract says.
// It moves for a served chat (a stream when it ends), not for a refused request, a model list or a usage
// read; the 28-day window can drop at UTC midnight (rollover); a read can be made to fail. Every read is
// recorded, and so is every chat, to prove the watch never sends one.
import { msg } from '../../../src/core/text/messages';
import type { ConnectionSettings } from '../../../src/services/ports';
import type { UsageRead } from '../../../src/services/usageReader';

export class FakeUsage {
  requestCount = 40;
  totalTokens = 9_000;
  /** Reads made (each one a GET /v1/usage). */
  reads = 0;
  /** Chats sent through this fake (the watch must never send one). */
  chats = 0;
  /** The next reads fail this way (a 5xx, a timeout…). */
  failing = false;
  target: ConnectionSettings = { baseUrl: 'https://pool.example.com/v1', fullUrl: false, model: 'gpt-5.5' };
  keyFingerprint = 'fp-1';
  /** Reads that are waiting for the test to answer them (hold = true). */
  hold = false;
  /** Reads aborted by their signal. */
  aborted = 0;
  readonly #held: Array<(when: 'now' | 'begun') => void> = [];

  /** A chat the pool served (Trae's, or anything else with this key). */
  served(tokens = 57): void {
    this.requestCount++;
    this.totalTokens += tokens;
  }

  /** A request refused before routing (401, 400 invalid_model, unsupported_parameter): not counted. */
  refused(): void {
    // The contract: nothing moves.
  }

  /** UTC midnight: the oldest day leaves the 28-day window. */
  rollover(requests = 30, tokens = 7_000): void {
    this.requestCount = Math.max(0, this.requestCount - requests);
    this.totalTokens = Math.max(0, this.totalTokens - tokens);
  }

  readonly read = (signal: AbortSignal): Promise<UsageRead> => {
    this.reads++;
    const answer = (): UsageRead =>
      this.failing
        ? { ok: false, problem: msg('diag.overloaded.cause') }
        : {
            ok: true,
            reading: { requestCount: this.requestCount, totalTokens: this.totalTokens },
            target: this.target,
            keyFingerprint: this.keyFingerprint,
          };
    if (!this.hold) return Promise.resolve(answer());
    const asBegun = answer();
    return new Promise((resolve, reject) => {
      const held = (when: 'now' | 'begun') => resolve(when === 'begun' ? asBegun : answer());
      this.#held.push(held);
      signal.addEventListener('abort', () => {
        this.aborted++;
        this.#held.splice(this.#held.indexOf(held), 1);
        reject(new Error('aborted'));
      });
    });
  };

  /**
   * Answers the held reads with the counter as it is now, or as it was when each read began (the pool
   * answered at once, the answer was slow on the way).
   */
  release(when: 'now' | 'begun' = 'now'): void {
    for (const answer of this.#held.splice(0)) answer(when);
  }

  /** Reads still waiting for release(). */
  get heldReads(): number {
    return this.#held.length;
  }
}
