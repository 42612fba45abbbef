// A pool behind a fake Transport: it answers GET /v1/models and GET /v1/usage per key (accepted keys
// get the list, others the contract's 401), can be switched off (every request fails to connect), and
// records every request (method, URL, Authorization) so a test can prove where each key went. Requests with
// a key in `holding` wait until release(key), like a slow pool, so a test can order what happens.
import type { HttpRequest, HttpResponse, Transport } from '../../../src/core/http/transport';
import { TransportError } from '../../../src/core/http/transport';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
}

export class FakePool {
  readonly requests: RecordedRequest[] = [];
  /** Keys the pool accepts; every other key gets 401 api_key_missing. */
  readonly accepted = new Set<string>();
  /** Keys the pool knows but has paused: 401 api_key_disabled. */
  readonly disabled = new Set<string>();
  /** Nothing listening: every request fails to connect. */
  down = false;
  /** Requests with these keys wait (a slow pool) until release(key), or until their signal aborts. */
  readonly holding = new Set<string>();
  readonly #held: { key: string; go: () => void }[] = [];
  /** Each key's usage counter: it moves for a chat the pool served, and for nothing else (the contract). */
  readonly counts = new Map<string, { requests: number; tokens: number }>();

  /** A chat with this key that the pool served (e.g. Trae's, sent elsewhere). */
  served(key: string, tokens = 57): void {
    const count = this.counts.get(key) ?? { requests: 0, tokens: 0 };
    this.counts.set(key, { requests: count.requests + 1, tokens: count.tokens + tokens });
  }

  readonly transport: Transport = async (request: HttpRequest): Promise<HttpResponse> => {
    const authorization = request.headers['authorization'];
    this.requests.push({ method: request.method, url: request.url, ...(authorization ? { authorization } : {}) });
    const sent = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    if (sent !== undefined && this.holding.has(sent)) await this.#hold(sent, request.signal);
    if (request.signal?.aborted) throw new TransportError('cancelled', 'connect', undefined, 'request cancelled');
    if (this.down) throw new TransportError('refused', 'connect', 'ECONNREFUSED', 'connect ECONNREFUSED');
    const key = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    if (key === undefined || !this.accepted.has(key)) {
      const code = key !== undefined && this.disabled.has(key) ? 'api_key_disabled' : 'api_key_missing';
      return json(401, {
        error: {
          message: code === 'api_key_disabled' ? 'api key is disabled' : 'api key is required',
          type: 'invalid_request_error',
          code,
          param: null,
        },
      });
    }
    const path = new URL(request.url).pathname;
    if (path.endsWith('/models')) {
      return json(200, {
        object: 'list',
        data: [
          {
            id: 'gpt-5.5',
            object: 'model',
            created: 1,
            owned_by: 'codex-pooler',
            input_modalities: ['text', 'image'],
            display_name: 'GPT-5.5',
            context_length: 258400,
          },
        ],
      });
    }
    if (path.endsWith('/chat/completions') && request.method === 'POST') {
      this.served(key, 12);
      return json(200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-5.5',
        choices: [{ index: 0, message: { role: 'assistant', content: 'trae ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
      });
    }
    if (path.endsWith('/usage')) {
      const count = this.counts.get(key) ?? { requests: 0, tokens: 0 };
      return json(200, {
        request_count: count.requests,
        total_tokens: count.tokens,
        cached_input_tokens: 0,
        total_cost_usd: 0,
        total_cost_status: 'unpriced',
        limits: [],
        upstream_limits: [],
      });
    }
    return json(404, {
      error: { message: 'not found', type: 'invalid_request_error', code: 'unsupported_endpoint', param: null },
    });
  };

  /** Requests with this key waiting for release(). */
  heldWith(key: string): number {
    return this.#held.filter((h) => h.key === key).length;
  }

  /** Requests with this key are answered now, and later ones at once. */
  release(key: string): void {
    this.holding.delete(key);
    for (const held of this.#held.filter((h) => h.key === key)) {
      this.#held.splice(this.#held.indexOf(held), 1);
      held.go();
    }
  }

  #hold(key: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((go) => {
      const entry = { key, go };
      this.#held.push(entry);
      signal?.addEventListener('abort', () => {
        const at = this.#held.indexOf(entry);
        if (at >= 0) this.#held.splice(at, 1);
        go();
      });
    });
  }

  /** Requests that carried this key. */
  sentWith(key: string): RecordedRequest[] {
    return this.requests.filter((r) => r.authorization === `Bearer ${key}`);
  }
}

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
