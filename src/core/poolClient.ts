// The three requests this extension makes to a Codex Pooler: the model list and usage (free), and the
// documented chat check (costs quota). Each has a deadline and a size cap, follows no redirect, sends
// the key only as `Authorization: Bearer` and only to the pool's own origin, and validates with zod.
import type * as z from 'zod/mini';
import type { PoolEndpoint } from './endpoint';
import { analyzeKey, redactGiven } from './poolKey';
import {
  ChatCompletionSchema,
  ErrorEnvelopeSchema,
  ModelListSchema,
  UsageSchema,
  firstIssue,
  type ModelList,
  type Usage,
} from './schemas';
import { TransportError, type HttpResponse, type RequestPhase, type Transport, type TransportReason } from './transport';

export const CHECK_PROMPT = 'Reply with exactly: trae ok';
export const EXPECTED_ANSWER = 'trae ok';
export const CHECK_MAX_COMPLETION_TOKENS = 16;
export const MAX_MODELS_BODY = 1024 * 1024;
export const MAX_SMALL_BODY = 256 * 1024;

export interface ModelInfo {
  readonly id: string;
  readonly displayName: string;
  readonly supportsImages: boolean;
  readonly contextLength?: number;
  readonly supportsTools?: boolean;
}

export interface ChatAnswer {
  readonly answer: string;
  readonly servedModel: string;
  readonly finishReason?: string;
  readonly responseId?: string;
  readonly totalTokens?: number;
}

export type BodyKind = 'json' | 'html' | 'empty' | 'text';

export interface PoolErrorInfo {
  readonly code?: string;
  readonly message?: string;
  readonly type?: string;
  readonly param?: string;
}

export type PoolFailure =
  | { readonly kind: 'transport'; readonly reason: TransportReason; readonly phase: RequestPhase; readonly code?: string; readonly detail: string }
  | { readonly kind: 'redirect'; readonly status: number; readonly location?: string }
  | { readonly kind: 'http'; readonly status: number; readonly body: BodyKind; readonly error?: PoolErrorInfo; readonly fromProxy: boolean }
  | { readonly kind: 'invalid'; readonly status: number; readonly body: BodyKind; readonly detail: string }
  | { readonly kind: 'blocked'; readonly reason: 'key' | 'origin' };

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

export class PoolClient {
  readonly #now: () => number;

  readonly #options: PoolClientOptions;

  constructor(options: PoolClientOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  listModels(call: PoolCall): Promise<PoolResult<ModelInfo[]>> {
    return this.#request(call, 'GET', call.endpoint.modelsUrl, undefined, MAX_MODELS_BODY, ModelListSchema, (list) =>
      list.data.map(toModelInfo),
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
    return this.#request(call, 'POST', call.endpoint.traeCallUrl, body, MAX_SMALL_BODY, ChatCompletionSchema, (completion) => {
      const choice = completion.choices[0]!;
      return {
        answer: choice.message.content ?? choice.message.refusal ?? '',
        servedModel: completion.model,
        ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}),
        ...(completion.id ? { responseId: completion.id } : {}),
        ...(typeof completion.usage?.total_tokens === 'number' ? { totalTokens: completion.usage.total_tokens } : {}),
      };
    });
  }

  getUsage(call: PoolCall): Promise<PoolResult<Usage>> {
    return this.#request(call, 'GET', call.endpoint.usageUrl, undefined, MAX_SMALL_BODY, UsageSchema, (usage) => usage);
  }

  async #request<S extends z.ZodMiniType, T>(
    call: PoolCall,
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    maxBodyBytes: number,
    schema: S,
    toValue: (parsed: z.infer<S>) => T,
  ): Promise<PoolResult<T>> {
    const started = this.#now();
    const elapsed = () => Math.max(0, Math.round(this.#now() - started));
    const blocked = guard(call, url);
    if (blocked) return { ok: false, failure: blocked, durationMs: 0 };

    let response: HttpResponse;
    try {
      response = await this.#options.transport({
        method,
        url,
        headers: {
          authorization: `Bearer ${call.key}`,
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
      return { ok: false, failure: transportFailure(error), durationMs: elapsed() };
    }

    // Everything taken from an answer (error messages, Location, the chat reply, model names) ends up
    // in notifications, the status bar and the wizard: a server or proxy that echoes the key back
    // must not put it there, so the answer is redacted here, once, before anything reads it.
    const { status } = response;
    const answer = { ...response, body: redactGiven(response.body, [call.key]) };
    if (status >= 300 && status < 400) {
      const raw = response.headers['location'];
      const location = raw === undefined ? undefined : redactGiven(raw, [call.key]);
      return { ok: false, failure: { kind: 'redirect', status, ...(location ? { location: location.slice(0, 300) } : {}) }, durationMs: elapsed() };
    }
    const parsed = parseBody(answer);
    if (status < 200 || status >= 300) {
      const envelope = parsed.kind === 'json' ? ErrorEnvelopeSchema.safeParse(parsed.json) : undefined;
      const error = envelope?.success ? compactError(envelope.data.error) : undefined;
      return {
        ok: false,
        failure: { kind: 'http', status, body: parsed.kind, ...(error ? { error } : {}), fromProxy: looksLikeProxy(answer) },
        durationMs: elapsed(),
      };
    }
    if (parsed.kind !== 'json') {
      return { ok: false, failure: { kind: 'invalid', status, body: parsed.kind, detail: `expected JSON, got ${parsed.kind}` }, durationMs: elapsed() };
    }
    const result = schema.safeParse(parsed.json);
    if (!result.success) {
      return { ok: false, failure: { kind: 'invalid', status, body: 'json', detail: firstIssue(result.error) }, durationMs: elapsed() };
    }
    return { ok: true, value: toValue(result.data as z.infer<S>), status, durationMs: elapsed() };
  }
}

/** The last line of defence: a key goes nowhere but to the configured pool, and only a Pool key. */
function guard(call: PoolCall, url: string): PoolFailure | undefined {
  if (!analyzeKey(call.key).ok) return { kind: 'blocked', reason: 'key' };
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { kind: 'blocked', reason: 'origin' };
  }
  return origin === call.endpoint.origin ? undefined : { kind: 'blocked', reason: 'origin' };
}

function toModelInfo(model: ModelList['data'][number]): ModelInfo {
  return {
    id: model.id,
    displayName: model.display_name?.trim() || model.id,
    supportsImages: (model.input_modalities ?? []).includes('image'),
    ...(typeof model.context_length === 'number' ? { contextLength: model.context_length } : {}),
    ...(typeof model.supports_tools === 'boolean' ? { supportsTools: model.supports_tools } : {}),
  };
}

function transportFailure(error: unknown): PoolFailure {
  if (error instanceof TransportError) {
    return { kind: 'transport', reason: error.reason, phase: error.phase, ...(error.code ? { code: error.code } : {}), detail: error.message.slice(0, 300) };
  }
  return { kind: 'transport', reason: 'other', phase: 'connect', detail: String(error).slice(0, 300) };
}

type ParsedBody = { kind: 'json'; json: unknown } | { kind: Exclude<BodyKind, 'json'> };

export function parseBody(response: HttpResponse): ParsedBody {
  const text = response.body.trim();
  if (text === '') return { kind: 'empty' };
  const contentType = response.headers['content-type'] ?? '';
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml|[a-z])/i.test(text)) return { kind: 'html' };
  try {
    return { kind: 'json', json: JSON.parse(text) };
  } catch {
    return { kind: 'text' };
  }
}

function compactError(error: z.infer<typeof ErrorEnvelopeSchema>['error']): PoolErrorInfo {
  const clip = (s: string | null | undefined) => (typeof s === 'string' && s !== '' ? s.slice(0, 200) : undefined);
  const code = clip(error.code);
  const message = clip(error.message);
  const type = clip(error.type);
  const param = clip(error.param);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}), ...(type ? { type } : {}), ...(param ? { param } : {}) };
}

/** A proxy's own error page, not the pool's answer (Via / Proxy-* headers, or a proxy's Server). */
function looksLikeProxy(response: HttpResponse): boolean {
  const h = response.headers;
  if (response.status === 407) return true;
  if (h['proxy-authenticate'] || h['proxy-agent']) return true;
  return /proxy|squid|privoxy/i.test(h['server'] ?? '');
}
