// The pool as the witness of Trae's own chat. GET /v1/usage is free; its request_count and total_tokens
// are the key's own and move within seconds of a chat that reached the pool (a stream counts when it
// ends). A witness compares each reading with a baseline and claims only what it saw: "a request with
// this key arrived". A count that goes down (the 28-day window drops its oldest day at UTC midnight), a
// reading that failed, or the extension's own chat takes a new baseline, never a claim. Pure: no I/O.

export interface UsageReading {
  readonly requestCount: number;
  readonly totalTokens: number;
}

export type WitnessStep =
  /** The first reading after a (re)start: what later readings are compared with. */
  | { readonly kind: 'baseline' }
  | { readonly kind: 'unchanged' }
  /** More requests than the baseline: a request with this key reached the pool. */
  | { readonly kind: 'arrived'; readonly requests: number; readonly tokens: number }
  /** The count went down: a new baseline, and no claim. */
  | { readonly kind: 'rebaselined' };

export class UsageWitness {
  #baseline: UsageReading | undefined;

  get hasBaseline(): boolean {
    return this.#baseline !== undefined;
  }

  observe(reading: UsageReading): WitnessStep {
    const base = this.#baseline;
    if (!base) {
      this.#baseline = reading;
      return { kind: 'baseline' };
    }
    if (reading.requestCount < base.requestCount || reading.totalTokens < base.totalTokens) {
      this.#baseline = reading;
      return { kind: 'rebaselined' };
    }
    if (reading.requestCount > base.requestCount) {
      return {
        kind: 'arrived',
        requests: reading.requestCount - base.requestCount,
        tokens: reading.totalTokens - base.totalTokens,
      };
    }
    return { kind: 'unchanged' };
  }

  /** A reading failed, or traffic of the extension's own is under way: the next reading is a new baseline. */
  forget(): void {
    this.#baseline = undefined;
  }
}
