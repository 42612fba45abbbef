// The requests this extension makes to a Codex Pooler: the model list and usage (free), the
// documented chat check (costs quota), and an unauthenticated probe of the model list. Each has a
// deadline and a size cap, follows no redirect, sends the key only as `Authorization: Bearer` and
// only to the pool's own origin, validates with zod, and redacts every string it takes from an answer.
import type * as z from 'zod/mini';
import type { PoolEndpoint } from '../url/endpoint';
import { inertText } from '../text/inertText';
import { ModelListEnvelopeSchema, readModelList, type ModelListing } from './modelList';
import { analyzeKey } from '../secrets/poolKey';
import { ChatCompletionSchema, ErrorEnvelopeSchema, UsageSchema, firstIssue, type Usage } from './schemas';
import type { HttpResponse, Transport } from '../http/transport';
import {
  cleanerFor,
  cleanStrings,
  compactError,
  looksLikeProxy,
  parseBody,
  shownText,
  transportFailure,
  type Clean,
  type PoolFailure,
} from './poolResponse';

export type { ModelInfo, ModelListing, ModelSkipReason, SkippedModel } from './modelList';

export const CHECK_PROMPT = 'Reply with exactly: trae ok';
export const EXPECTED_ANSWER = 'trae ok';
export const CHECK_MAX_COMPLETION_TOKENS = 16;
export const MAX_MODELS_BODY = 4 * 1024 * 1024;
export const MAX_SMALL_BODY = 256 * 1024;

export interface ChatAnswer {
  readonly answer: string;
  readonly servedModel: string;
  readonly finishReason?: string;
  readonly responseId?: string;
  readonly totalTokens?: number;
}

export type PoolResult<T> =
  | { readonly ok: true; readonly value: T; readonly status: number; readonly durationMs: number }
  | { readonly ok: false; readonly failure: PoolFailure; readonly durationMs: number };

export interface PoolClientOptions {
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** Milliseconds since some epoch, for durations; injectable for tests. */
  readonly now?: () => number;
}

export interface PoolCall {
  readonly endpoint: PoolEndpoint;
  readonly key: string;
  readonly signal?: AbortSignal;
}

/** A request that carries no key at all (the reachability probe). */
export interface ProbeCall {
  readonly endpoint: PoolEndpoint;
  readonly signal?: AbortSignal;
}

export class PoolClient {
  readonly #now: () => number;

  readonly #options: PoolClientOptions;

  constructor(options: PoolClientOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  listModels(call: PoolCall): Promise<PoolResult<ModelListing>> {
    return this.#request(
      call,
      call.key,
      'GET',
      call.endpoint.modelsUrl,
      undefined,
      MAX_MODELS_BODY,
      ModelListEnvelopeSchema,
      readModelList,
    );
  }

  /**
   * GET the model list with no Authorization header: a Codex Pooler answers its 401 envelope
   * (api_key_missing), so this tells whether one answers at this URL without sending the key.
   */
  probe(call: ProbeCall): Promise<PoolResult<ModelListing>> {
    return this.#request(
      call,
      undefined,
      'GET',
      call.endpoint.modelsUrl,
      undefined,
      MAX_MODELS_BODY,
      ModelListEnvelopeSchema,
      readModelList,
    );
  }

  /** The documented check, and nothing more: strict pools reject any extra parameter. */
  chatCheck(call: PoolCall, model: string): Promise<PoolResult<ChatAnswer>> {
    const body = JSON.stringify({
      model,
      messages: [{ role: 'user', content: CHECK_PROMPT }],
      stream: false,
      max_completion_tokens: CHECK_MAX_COMPLETION_TOKENS,
    });
    return this.#request(
      call,
      call.key,
      'POST',
      call.endpoint.traeCallUrl,
      body,
      MAX_SMALL_BODY,
      ChatCompletionSchema,
      (completion, clean) => {
        const choice = completion.choices[0]!;
        return {
          answer: inertText(clean(choice.message.content ?? choice.message.refusal ?? '')),
          servedModel: inertText(clean(completion.model)),
          ...(choice.finish_reason ? { finishReason: inertText(clean(choice.finish_reason)) } : {}),
          ...(completion.id ? { responseId: inertText(clean(completion.id)) } : {}),
          ...(typeof completion.usage?.total_tokens === 'number' ? { totalTokens: completion.usage.total_tokens } : {}),
        };
      },
    );
  }

  getUsage(call: PoolCall): Promise<PoolResult<Usage>> {
    return this.#request(
      call,
      call.key,
      'GET',
      call.endpoint.usageUrl,
      undefined,
      MAX_SMALL_BODY,
      UsageSchema,
      (usage, clean) => cleanStrings(usage, clean),
    );
  }

  /** `key` undefined: the probe, which sends no Authorization header at all. */
  async #request<S extends z.ZodMiniType, T>(
    call: ProbeCall,
    key: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    maxBodyBytes: number,
    schema: S,
    toValue: (parsed: z.infer<S>, clean: Clean) => T,
  ): Promise<PoolResult<T>> {
    const started = this.#now();
    const elapsed = () => Math.max(0, Math.round(this.#now() - started));
    const blocked = guard(call.endpoint, key, url);
    if (blocked) return { ok: false, failure: blocked, durationMs: 0 };
    // Everything taken from an answer (error messages, Location, the chat reply, model names) ends up
    // in notifications, the status bar and the wizard: a server or proxy that echoes the key back,
    // even encoded, must not put it there. Each string is redacted after decoding, before any use.
    const clean = cleanerFor(key);

    let response: HttpResponse;
    try {
      response = await this.#options.transport({
        method,
        url,
        headers: {
          ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}),
          accept: 'application/json',
          'user-agent': this.#options.userAgent,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.#options.timeoutMs,
        maxBodyBytes,
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (error) {
      return { ok: false, failure: transportFailure(error, clean), durationMs: elapsed() };
    }

    const { status } = response;
    if (status >= 300 && status < 400) {
      const raw = response.headers['location'];
      const location = raw === undefined ? undefined : shownText(raw, clean, 300);
      return {
        ok: false,
        failure: { kind: 'redirect', status, ...(location ? { location } : {}) },
        durationMs: elapsed(),
      };
    }
    const parsed = parseBody(response);
    if (status < 200 || status >= 300) {
      const envelope = parsed.kind === 'json' ? ErrorEnvelopeSchema.safeParse(parsed.json) : undefined;
      const error = envelope?.success ? compactError(envelope.data.error, clean) : undefined;
      return {
        ok: false,
        failure: {
          kind: 'http',
          status,
          body: parsed.kind,
          ...(error ? { error } : {}),
          fromProxy: looksLikeProxy(response),
        },
        durationMs: elapsed(),
      };
    }
    if (parsed.kind !== 'json') {
      return {
        ok: false,
        failure: { kind: 'invalid', status, body: parsed.kind, detail: `expected JSON, got ${parsed.kind}` },
        durationMs: elapsed(),
      };
    }
    const result = schema.safeParse(parsed.json);
    if (!result.success) {
      return {
        ok: false,
        failure: { kind: 'invalid', status, body: 'json', detail: inertText(clean(firstIssue(result.error))) },
        durationMs: elapsed(),
      };
    }
    return { ok: true, value: toValue(result.data, clean), status, durationMs: elapsed() };
  }
}

/** The last line of defence: a key goes nowhere but to the configured pool, and only a Pool key. */
function guard(endpoint: PoolEndpoint, key: string | undefined, url: string): PoolFailure | undefined {
  if (key !== undefined && !analyzeKey(key).ok) return { kind: 'blocked', reason: 'key' };
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { kind: 'blocked', reason: 'origin' };
  }
  return origin === endpoint.origin ? undefined : { kind: 'blocked', reason: 'origin' };
}
