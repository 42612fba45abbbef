// The Trae-shaped check: two chat turns sent the way Trae's agent chat sends them (streamed, with a
// declared tool, the conversation sent back on the second turn), so the faults the documented check
// cannot see show up: a proxy that buffers or cuts the stream, an error frame inside a 200 stream, a
// parameter refused only on the second turn. Costs quota: run only when the user asks for it.
import type { PoolEndpoint } from '../url/endpoint';
import type { ProxyRoute } from '../http/proxyRoute';
import type { Verdict } from '../check/checkReport';
import { diagnosis, KNOWN_POOL_ERROR_CODES, messagesFor, type Diagnosis, type DiagnosisCode } from '../check/diagnosis';
import { diagnoseFailure } from '../check/failureDiagnosis';
import { CHECK_PROMPT } from '../pool/poolClient';
import { parseBody, type PoolFailure } from '../pool/poolResponse';
import { analyzeKey, redactGiven } from '../secrets/poolKey';
import { ErrorEnvelopeSchema } from '../pool/schemas';
import { compactError, MAX_STREAM_BYTES, readEventStream, readWhole, type StreamReading } from './traeStream';
import { TransportError, type StreamResponse, type StreamTransport } from '../http/transport';

export const TRAE_SECOND_PROMPT = 'Once more, reply with exactly: trae ok';
/** Room for a short answer or a tool call, little quota. */
export const TRAE_MAX_COMPLETION_TOKENS = 32;
export const TRAE_TOOL = {
  type: 'function',
  function: {
    name: 'get_current_time',
    description: 'Returns the current time.',
    parameters: { type: 'object', properties: {} },
  },
} as const;
/** What the harmless tool "returns" when the model calls it. */
export const TRAE_TOOL_RESULT = '{"time":"12:00"}';
/**
 * The longest silence between stream chunks before the stream counts as stalled: half the turn's
 * deadline (so a stall is told from a turn that is merely slow), at most 15 s.
 */
export const MAX_IDLE_MS = 15_000;
// Buffering heuristic: at least this many data frames, all within BUFFERED_SPREAD_MS of each other,
// after at least BUFFERED_WAIT_MS without any. A model streams its tokens over time (and a pool sends
// the role chunk before the first token), so a whole answer in one burst after a wait means something
// in between held the stream back.
export const BUFFERED_MIN_FRAMES = 3;
export const BUFFERED_SPREAD_MS = 10;
export const BUFFERED_WAIT_MS = 400;
const ANSWER_SHOWN_CHARS = 200;

export interface TraeCheckInput {
  readonly endpoint: PoolEndpoint;
  readonly key: string;
  readonly model: string;
  readonly signal?: AbortSignal;
  /** Deadline for the headers and for each whole turn; the idle deadline is min(half of it, MAX_IDLE_MS). */
  readonly timeoutMs: number;
  /** How requests reach the pool (the editor's proxy rules), to name a proxy only when certain. */
  readonly route?: ProxyRoute;
}

export interface TraeCheckDeps {
  readonly transport: StreamTransport;
  readonly userAgent: string;
  /** Milliseconds on the transport's clock (chunk arrival times are compared with it). */
  readonly now?: () => number;
}

export interface TraeTurnReport {
  readonly turn: 1 | 2;
  /** HTTP status; absent when no answer came (network failure). */
  readonly status?: number;
  readonly eventStream: boolean;
  /** From sending the request to the first content or tool-call delta. */
  readonly timeToFirstTokenMs?: number;
  readonly durationMs: number;
  readonly dataFrames: number;
  /** From sending the request to the first data frame, and from the first frame to the last. */
  readonly firstFrameMs?: number;
  readonly frameSpreadMs?: number;
  /** The stream ended with `data: [DONE]`. */
  readonly done: boolean;
  readonly finishReason?: string;
  readonly usage: boolean;
  readonly toolCalled: boolean;
  /** Redacted and clipped. */
  readonly answer: string;
  readonly servedModel?: string;
}

export interface TraeCheckReport {
  readonly verdict: Verdict;
  readonly model: string;
  readonly url: string;
  readonly durationMs: number;
  readonly turns: readonly TraeTurnReport[];
  /** Worst first. */
  readonly diagnoses: readonly Diagnosis[];
}

/** Cancellation is an outcome, not a diagnosis: there is nothing to fix. */
export type TraeCheckOutcome =
  { readonly kind: 'cancelled' } | { readonly kind: 'done'; readonly report: TraeCheckReport };

type Message = Record<string, unknown>;

/** One turn's request body: only parameters the pool's contract accepts. */
export function traeTurnBody(model: string, messages: readonly Message[]): string {
  return JSON.stringify({
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    max_completion_tokens: TRAE_MAX_COMPLETION_TOKENS,
    tools: [TRAE_TOOL],
    tool_choice: 'auto',
  });
}

export async function traeShapedCheck(input: TraeCheckInput, deps: TraeCheckDeps): Promise<TraeCheckOutcome> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const { endpoint, key, model } = input;
  const url = endpoint.traeCallUrl;
  const turns: TraeTurnReport[] = [];
  const diagnoses: Diagnosis[] = [];
  const report = (): TraeCheckOutcome => ({
    kind: 'done',
    report: finish(model, url, Math.max(0, Math.round(now() - started)), turns, diagnoses),
  });

  const blocked = guard(input);
  if (blocked) {
    diagnoses.push(fromFailure(blocked, 1));
    return report();
  }
  if (input.signal?.aborted) return { kind: 'cancelled' };

  const first: Message = { role: 'user', content: CHECK_PROMPT };
  const one = await runTurn(1, [first]);
  if (one === 'cancelled') return { kind: 'cancelled' };
  // The conversation goes back only after a whole first answer: a failed or cut stream has none.
  if (!one.reading?.done || one.diagnoses.some((d) => d.severity === 'error')) return report();

  const assistant: Message = { role: 'assistant' };
  if (one.reading.answer !== '' || one.reading.toolCalls.length === 0) assistant['content'] = one.reading.answer;
  if (one.reading.toolCalls.length > 0) {
    assistant['tool_calls'] = one.reading.toolCalls.map((c, i) => ({
      id: c.id || `call_${i}`,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  const toolAnswers = ((assistant['tool_calls'] ?? []) as Array<{ id: string }>).map((c) => ({
    role: 'tool',
    tool_call_id: c.id,
    content: TRAE_TOOL_RESULT,
  }));
  const two = await runTurn(2, [first, assistant, ...toolAnswers, { role: 'user', content: TRAE_SECOND_PROMPT }]);
  if (two === 'cancelled') return { kind: 'cancelled' };
  return report();

  async function runTurn(
    turn: 1 | 2,
    messages: readonly Message[],
  ): Promise<'cancelled' | { reading?: StreamReading; diagnoses: Diagnosis[] }> {
    const sentAt = now();
    const timeoutMs = input.timeoutMs;
    let response: StreamResponse;
    try {
      response = await deps.transport({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${key}`,
          accept: 'text/event-stream',
          'content-type': 'application/json',
          'user-agent': deps.userAgent,
        },
        body: traeTurnBody(model, messages),
        timeoutMs,
        idleTimeoutMs: Math.min(Math.ceil(timeoutMs / 2), MAX_IDLE_MS),
        totalTimeoutMs: timeoutMs,
        maxBodyBytes: MAX_STREAM_BYTES,
        ...(input.signal ? { signal: input.signal } : {}),
      });
    } catch (error) {
      const failure = transportFailure(error);
      if (failure.kind === 'transport' && failure.reason === 'cancelled') return 'cancelled';
      return record(
        {
          turn,
          eventStream: false,
          durationMs: elapsed(),
          dataFrames: 0,
          done: false,
          usage: false,
          toolCalled: false,
          answer: '',
        },
        [fromFailure(failure, turn)],
      );
    }
    const { status } = response;
    const eventStream = /^text\/event-stream\b/i.test(response.headers['content-type'] ?? '');
    if (status < 200 || status >= 300 || !eventStream) {
      // Not a stream: read it whole (capped) for the error envelope or to say what came instead.
      const whole = await readWhole(response.body);
      if (whole.failure?.reason === 'cancelled') return 'cancelled';
      const base = {
        turn,
        status,
        eventStream,
        durationMs: elapsed(),
        dataFrames: 0,
        done: false,
        usage: false,
        toolCalled: false,
        answer: '',
      } as const;
      return record(base, [notAStream(turn, response, redactGiven(whole.text, [key]))]);
    }

    const reading = await readEventStream(response.body, key);
    if (reading.failure?.reason === 'cancelled') return 'cancelled';
    const since = (at: number | undefined) => (at === undefined ? undefined : Math.max(0, Math.round(at - sentAt)));
    const firstFrameMs = since(reading.firstFrameAt);
    const frameSpreadMs =
      reading.firstFrameAt !== undefined && reading.lastFrameAt !== undefined
        ? Math.max(0, Math.round(reading.lastFrameAt - reading.firstFrameAt))
        : undefined;
    const timeToFirstTokenMs = since(reading.firstTokenAt);
    const turnReport: TraeTurnReport = {
      turn,
      status,
      eventStream,
      ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}),
      durationMs: elapsed(),
      dataFrames: reading.dataFrames,
      ...(firstFrameMs !== undefined ? { firstFrameMs } : {}),
      ...(frameSpreadMs !== undefined ? { frameSpreadMs } : {}),
      done: reading.done,
      ...(reading.finishReason ? { finishReason: reading.finishReason } : {}),
      usage: reading.usage,
      toolCalled: reading.toolCalls.length > 0,
      answer: reading.answer.slice(0, ANSWER_SHOWN_CHARS),
      ...(reading.servedModel ? { servedModel: reading.servedModel } : {}),
    };
    return { ...record(turnReport, streamDiagnoses(turn, reading, turnReport)), reading };

    function elapsed(): number {
      return Math.max(0, Math.round(now() - sentAt));
    }
  }

  function record(turnReport: TraeTurnReport, found: Diagnosis[]): { diagnoses: Diagnosis[] } {
    turns.push(turnReport);
    diagnoses.push(...found);
    return { diagnoses: found };
  }

  function fromFailure(failure: PoolFailure, turn: 1 | 2): Diagnosis {
    const d = diagnoseFailure(failure, {
      step: 'chat',
      endpoint,
      model,
      ...(input.route ? { route: input.route } : {}),
    });
    return { ...d, step: turn === 1 ? 'turn1' : 'turn2', detail: `turn ${turn}: ${d.detail}` };
  }

  function notAStream(turn: 1 | 2, response: StreamResponse, body: string): Diagnosis {
    const { status } = response;
    const step = turn === 1 ? 'turn1' : 'turn2';
    if (status >= 300 && status < 400) {
      const location = response.headers['location'];
      return fromFailure(
        { kind: 'redirect', status, ...(location ? { location: redactGiven(location, [key]).slice(0, 300) } : {}) },
        turn,
      );
    }
    const parsed = parseBody({ status, headers: response.headers, body });
    if (status >= 200 && status < 300) {
      if (parsed.kind === 'html')
        return fromFailure(
          { kind: 'invalid', status, body: 'html', detail: 'expected an event stream, got HTML' },
          turn,
        );
      const contentType = (response.headers['content-type'] ?? '(none)').slice(0, 80);
      return diagnosis(
        'stream-ignored',
        step,
        `turn ${turn}: POST ${new URL(url).pathname} -> HTTP ${status} ${contentType}, not text/event-stream`,
        { args: { contentType } },
      );
    }
    const envelope = parsed.kind === 'json' ? ErrorEnvelopeSchema.safeParse(parsed.json) : undefined;
    const error = envelope?.success ? compactError(envelope.data.error, key) : undefined;
    const failure: PoolFailure = {
      kind: 'http',
      status,
      body: parsed.kind,
      ...(error ? { error } : {}),
      fromProxy: looksLikeProxy(response),
    };
    // The first turn passed with the same URL, key and model: a 4xx now is about the conversation.
    if (turn === 2 && status >= 400 && status < 500 && ![401, 403, 407, 408, 429].includes(status)) {
      const code = error?.code ?? '-';
      const param = error?.param ?? '-';
      return diagnosis(
        'second-turn-rejected',
        step,
        `turn 2: POST ${new URL(url).pathname} -> HTTP ${status} ${code} (param ${param}); turn 1 passed`,
        { args: { status, code, param } },
      );
    }
    return fromFailure(failure, turn);
  }

  function streamDiagnoses(turn: 1 | 2, reading: StreamReading, turnReport: TraeTurnReport): Diagnosis[] {
    const step = turn === 1 ? 'turn1' : 'turn2';
    const route = `turn ${turn}: POST ${new URL(url).pathname}`;
    const args = { host: endpoint.host, url, model };
    if (reading.errorFrame) {
      const code = reading.errorFrame.code ?? '-';
      const known = KNOWN_POOL_ERROR_CODES.includes(code) ? (code as DiagnosisCode) : undefined;
      const own = known ? diagnosis(known, step, '', { args }) : undefined;
      const detail = `${route} -> HTTP 200, then an error frame ${code}${reading.errorFrame.message ? ` "${reading.errorFrame.message}"` : ''} and no [DONE]`;
      // The pool's own code says how bad it is and what to do (e.g. quota_exhausted: wait for the reset).
      return [
        diagnosis('stream-error-frame', step, detail, {
          args: { ...args, code, message: reading.errorFrame.message ?? '' },
          ...(own ? { severity: own.severity, fix: messagesFor(known!)!.fix } : {}),
        }),
      ];
    }
    if (reading.badFrame)
      return [
        diagnosis('stream-bad-frame', step, `${route} -> frame ${reading.dataFrames}: ${reading.badFrame}`, {
          args: { problem: reading.badFrame },
        }),
      ];
    if (reading.failure) return [fromFailure(transportFailure(reading.failure), turn)];
    if (!reading.done)
      return [
        diagnosis(
          'stream-no-done',
          step,
          `${route} -> the stream ended after ${reading.dataFrames} data frames without [DONE]`,
          { args },
        ),
      ];
    const found: Diagnosis[] = [];
    const { firstFrameMs, frameSpreadMs } = turnReport;
    if (
      reading.dataFrames >= BUFFERED_MIN_FRAMES &&
      firstFrameMs !== undefined &&
      frameSpreadMs !== undefined &&
      firstFrameMs >= BUFFERED_WAIT_MS &&
      frameSpreadMs < BUFFERED_SPREAD_MS
    ) {
      found.push(
        diagnosis(
          'stream-buffered',
          step,
          `${route} -> ${reading.dataFrames} data frames within ${frameSpreadMs} ms, the first after ${firstFrameMs} ms`,
          { args: { wait: firstFrameMs, frames: reading.dataFrames, spread: frameSpreadMs } },
        ),
      );
    }
    if (!reading.usage)
      found.push(diagnosis('stream-no-usage', step, `${route} -> no usage chunk although include_usage was asked`));
    return found;
  }
}

/** The key goes only to the pool's own origin, and only a Pool key (as the pool client's guard). */
function guard(input: TraeCheckInput): PoolFailure | undefined {
  if (!analyzeKey(input.key).ok) return { kind: 'blocked', reason: 'key' };
  try {
    if (new URL(input.endpoint.traeCallUrl).origin === input.endpoint.origin) return undefined;
  } catch {
    // an unparsable URL is refused like another origin
  }
  return { kind: 'blocked', reason: 'origin' };
}

/** A proxy's own error page, not the pool's answer (the pool client's rule). */
function looksLikeProxy(response: StreamResponse): boolean {
  const h = response.headers;
  return (
    response.status === 407 ||
    Boolean(h['proxy-authenticate'] || h['proxy-agent']) ||
    /proxy|squid|privoxy/i.test(h['server'] ?? '')
  );
}

function transportFailure(error: unknown): PoolFailure {
  if (error instanceof TransportError) {
    return {
      kind: 'transport',
      reason: error.reason,
      phase: error.phase,
      ...(error.code ? { code: error.code } : {}),
      detail: error.message.slice(0, 300),
    };
  }
  return { kind: 'transport', reason: 'other', phase: 'connect', detail: String(error).slice(0, 300) };
}

function finish(
  model: string,
  url: string,
  durationMs: number,
  turns: TraeTurnReport[],
  diagnoses: Diagnosis[],
): TraeCheckReport {
  const order = { error: 0, warning: 1, info: 2 } as const;
  // The same finding on both turns (a buffering proxy buffers both) is said once, for the first turn.
  const unique = diagnoses.filter(
    (d) => d.step !== 'turn2' || !diagnoses.some((e) => e.step === 'turn1' && e.code === d.code),
  );
  const sorted = unique.sort((a, b) => order[a.severity] - order[b.severity]);
  const verdict: Verdict = sorted.some((d) => d.severity === 'error')
    ? 'error'
    : sorted.some((d) => d.severity === 'warning')
      ? 'warning'
      : 'ok';
  return { verdict, model, url, durationMs, turns, diagnoses: sorted };
}
