// Reading one streamed chat turn the way Trae's agent chat reads it: server-sent events, each
// `data:` frame a chat.completion.chunk, `data: [DONE]` last. Everything here is untrusted: the
// stream is capped, every frame is validated, and all text kept is clipped and has the key (and anything
// secret-shaped) removed; what is only shown (an error frame, the served model, finish_reason) is also inert.
import * as z from 'zod/mini';
import { cleanerFor, compactError, shownText, type PoolErrorInfo } from '../../pool/poolResponse';
import { ErrorEnvelopeSchema, firstIssue } from '../../pool/schemas';
import { SseEventTooLarge, SseParser, type SseEvent } from '../../http/sse';
import { TransportError, type StreamChunk } from '../../http/transport';

export const MAX_STREAM_BYTES = 1024 * 1024;
const MAX_EVENT_CHARS = 256 * 1024;
/** Kept to send back on the next turn; the report shows less. */
const MAX_ANSWER_CHARS = 4000;
const MAX_TOOL_CALLS = 4;
const MAX_ARGUMENT_CHARS = 4000;
/** Raw text is kept this much longer than its limit, so a key across the limit is still removed whole. */
const SLACK = 128;

const optionalString = z.optional(z.nullable(z.string()));
const optionalNumber = z.optional(z.nullable(z.number()));

const ToolCallDeltaSchema = z.object({
  index: optionalNumber,
  id: optionalString,
  type: optionalString,
  function: z.optional(z.nullable(z.object({ name: optionalString, arguments: optionalString }))),
});

export const ChatChunkSchema = z.object({
  id: optionalString,
  object: optionalString,
  model: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
  choices: z.optional(
    z.nullable(
      z
        .array(
          z.object({
            index: optionalNumber,
            delta: z.optional(
              z.nullable(
                z.object({
                  role: optionalString,
                  content: optionalString,
                  refusal: optionalString,
                  tool_calls: z.optional(z.nullable(z.array(ToolCallDeltaSchema).check(z.maxLength(16)))),
                }),
              ),
            ),
            finish_reason: optionalString,
          }),
        )
        .check(z.maxLength(16)),
    ),
  ),
  usage: z.optional(
    z.nullable(
      z.object({ prompt_tokens: optionalNumber, completion_tokens: optionalNumber, total_tokens: optionalNumber }),
    ),
  ),
});

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** What one event stream held, as far as it went. Times are on the transport's clock. */
export interface StreamReading {
  readonly dataFrames: number;
  readonly done: boolean;
  readonly firstFrameAt?: number;
  readonly lastFrameAt?: number;
  /** The first content or tool-call delta. */
  readonly firstTokenAt?: number;
  readonly finishReason?: string;
  readonly usage: boolean;
  /** Redacted and capped. */
  readonly answer: string;
  readonly toolCalls: readonly ToolCall[];
  readonly servedModel?: string;
  /** A `data: {"error":…}` frame (the pool's upstream failure inside a 200 stream). */
  readonly errorFrame?: PoolErrorInfo;
  /** A frame that is not a chat.completion.chunk: what was wrong, never its text. */
  readonly badFrame?: string;
  /** Why reading stopped early, if it did: stalled, cut off, capped, deadline, cancelled. */
  readonly failure?: TransportError;
}

export async function readEventStream(body: AsyncIterable<StreamChunk>, key: string): Promise<StreamReading> {
  const redact = cleanerFor(key);
  // Kept to send back on the next turn, so not made inert here (a newline must stay a newline).
  const clean = (text: string, max: number) => redact(text.slice(0, max + SLACK)).slice(0, max);
  const shown = (text: string, max: number) => shownText(text, redact, max);
  const parser = new SseParser({ maxEventChars: MAX_EVENT_CHARS });
  const answer: string[] = [];
  let answerChars = 0;
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  let state: { -readonly [K in keyof StreamReading]: StreamReading[K] } = {
    dataFrames: 0,
    done: false,
    usage: false,
    answer: '',
    toolCalls: [],
  };

  /** false: stop reading (the end, an error frame, a bad frame). */
  const take = (event: SseEvent, at: number): boolean => {
    state.dataFrames++;
    state.firstFrameAt ??= at;
    state.lastFrameAt = at;
    if (event.data.trim() === '[DONE]') {
      state.done = true;
      return false;
    }
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      state.badFrame = 'not JSON';
      return false;
    }
    if (typeof json === 'object' && json !== null && 'error' in json) {
      const envelope = ErrorEnvelopeSchema.safeParse(json);
      state.errorFrame = envelope.success ? compactError(envelope.data.error, redact) : {};
      return false;
    }
    const parsed = ChatChunkSchema.safeParse(json);
    if (!parsed.success) {
      state.badFrame = firstIssue(parsed.error);
      return false;
    }
    const chunk = parsed.data;
    if (chunk.model && state.servedModel === undefined) state.servedModel = shown(chunk.model, 256);
    if (chunk.usage) state.usage = true;
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) continue;
      const text = `${choice.delta?.content ?? ''}${choice.delta?.refusal ?? ''}`;
      if (text !== '') {
        state.firstTokenAt ??= at;
        if (answerChars < MAX_ANSWER_CHARS + SLACK) answer.push(text.slice(0, MAX_ANSWER_CHARS + SLACK - answerChars));
        answerChars += text.length;
      }
      for (const delta of choice.delta?.tool_calls ?? []) {
        state.firstTokenAt ??= at;
        const index = delta.index ?? 0;
        if (!Number.isInteger(index) || index < 0 || index >= MAX_TOOL_CALLS) continue;
        const call = (calls[index] ??= { id: '', name: '', arguments: '' });
        if (delta.id) call.id = delta.id.slice(0, 128 + SLACK);
        if (delta.function?.name) call.name = delta.function.name.slice(0, 64 + SLACK);
        const more = delta.function?.arguments;
        if (more && call.arguments.length < MAX_ARGUMENT_CHARS + SLACK)
          call.arguments = (call.arguments + more).slice(0, MAX_ARGUMENT_CHARS + SLACK);
      }
      if (choice.finish_reason) state.finishReason = shown(choice.finish_reason, 40);
    }
    return true;
  };

  try {
    reading: for await (const chunk of body) {
      for (const event of parser.push(chunk.text)) if (!take(event, chunk.at)) break reading;
    }
  } catch (error) {
    state.failure =
      error instanceof TransportError
        ? error
        : error instanceof SseEventTooLarge
          ? new TransportError('too-large', 'body', undefined, error.message)
          : new TransportError('other', 'body', undefined, String(error).slice(0, 300));
  }
  state = {
    ...state,
    answer: clean(answer.join(''), MAX_ANSWER_CHARS),
    toolCalls: calls.filter(Boolean).map((c) => ({
      id: clean(c.id, 128),
      name: clean(c.name, 64),
      arguments: clean(c.arguments, MAX_ARGUMENT_CHARS),
    })),
  };
  return state;
}

/** A whole (non-stream) body as text, up to what the transport's cap allowed; failures are returned. */
export async function readWhole(body: AsyncIterable<StreamChunk>): Promise<{ text: string; failure?: TransportError }> {
  const parts: string[] = [];
  try {
    for await (const chunk of body) parts.push(chunk.text);
    return { text: parts.join('') };
  } catch (error) {
    const failure =
      error instanceof TransportError
        ? error
        : new TransportError('other', 'body', undefined, String(error).slice(0, 300));
    return { text: parts.join(''), failure };
  }
}
