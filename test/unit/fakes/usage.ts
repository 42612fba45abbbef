// The pool's free usage counter for one key, in memory: what GET /v1/usage answers as the contract says.
// Every chat that reaches the pool goes through chat(), which moves the counter only for what the contract
// counts: a served chat (a stream when it ends) and a failure that reached an upstream account (a 502),
// never a request refused before routing (401, 400 invalid_model / unsupported_parameter). A model list or
// a usage read never moves it; the 28-day window can drop at UTC midnight (rollover); a read can be made
// to fail. Every read and every chat is recorded, to prove what happened and that the watch sends no chat.
import { msg } from '../../../src/core/text/messages';
import { OwnTraffic } from '../../../src/services/ownTraffic';
import type { ConnectionSettings } from '../../../src/services/ports';
import { TraeWatch } from '../../../src/services/traeWatch';
import { SharedUsageReader, type UsageRead } from '../../../src/services/usageReader';
import { FakeClock } from './clock';

export type ChatOutcome = 'served' | 'upstreamFailed' | 'refused';

/** What the contract counts in request_count (and with how many tokens). */
const COUNTED: Record<ChatOutcome, boolean> = { served: true, upstreamFailed: true, refused: false };

export class FakeUsage {
  requestCount = 40;
  totalTokens = 9_000;
  /** Reads made (each one a GET /v1/usage). */
  reads = 0;
  /** Chats sent through this fake (the watch must never send one). */
  chats = 0;
  /** The chats that reached the pool with this key (Trae's), by outcome. */
  readonly reached: Record<ChatOutcome, number> = { served: 0, upstreamFailed: 0, refused: 0 };
  /** The next reads fail this way (a 5xx, a timeout…). */
  failing = false;
  target: ConnectionSettings = { baseUrl: 'https://pool.example.com/v1', fullUrl: false, model: 'gpt-5.5' };
  keyFingerprint = 'fp-1';
  /** Reads that are waiting for the test to answer them (hold = true). */
  hold = false;
  /** Reads aborted by their signal. */
  aborted = 0;
  readonly #held: Array<(when: 'now' | 'begun') => void> = [];

  /** A chat with this key reached the pool and ended this way; the counter moves as the contract says. */
  chat(outcome: ChatOutcome, tokens: number): void {
    this.reached[outcome]++;
    if (!COUNTED[outcome]) return;
    this.requestCount++;
    this.totalTokens += tokens;
  }

  /** A chat the pool served (Trae's, or anything else with this key). */
  served(tokens = 57): void {
    this.chat('served', tokens);
  }

  /** A request refused before routing (401, 400 invalid_model, unsupported_parameter): not counted. */
  refused(): void {
    this.chat('refused', 0);
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

/** A Trae watch on a fake clock over this read, as the window builds one: a shared reader, the own-traffic log. */
export function watchOver(read: (signal: AbortSignal) => Promise<UsageRead>, clock = new FakeClock()) {
  const own = new OwnTraffic(() => clock.now());
  const reader = new SharedUsageReader({ clock, read });
  const watch = new TraeWatch({ clock, usage: reader, ownTraffic: own });
  return { clock, own, reader, watch };
}
