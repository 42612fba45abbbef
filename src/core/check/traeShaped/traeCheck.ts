// The Trae-shaped check: two chat turns sent the way Trae's agent chat sends them (streamed, with a
// declared tool, the conversation sent back on the second turn), so the faults the documented check
// cannot see show up: a proxy that buffers or cuts the stream, an error frame inside a 200 stream, a
// parameter refused only on the second turn. Costs quota: run only when the user asks for it.
import type { PoolEndpoint } from '../../url/endpoint';
import type { ProxyRoute } from '../../http/proxyRoute';
import type { Verdict } from '../checkReport';
import type { Diagnosis } from '../diagnosis';
import { CHECK_PROMPT } from '../../pool/poolClient';
import { cleanerFor, transportFailure } from '../../pool/poolResponse';
import { inertText } from '../../text/inertText';
import { redactGiven } from '../../secrets/redact';
import { MAX_STREAM_BYTES, readEventStream, readWhole, type StreamReading } from './traeStream';
import type { StreamResponse, StreamTransport } from '../../http/transport';
import { guardTurn, secondTurnMessages, traeTurnBody, type Message } from './traeTurns';
import { diagnoseTurnFailure, notAStream, streamDiagnoses } from './traeTurnDiagnosis';

/**
 * The longest silence between stream chunks before the stream counts as stalled: half the turn's
 * deadline (so a stall is told from a turn that is merely slow), at most 15 s.
 */
export const MAX_IDLE_MS = 15_000;
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

/** What a turn that read no event stream reports of one: nothing seen. */
const NO_STREAM = { dataFrames: 0, done: false, usage: false, toolCalled: false, answer: '' } as const;

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

  const blocked = guardTurn(input);
  if (blocked) {
    diagnoses.push(diagnoseTurnFailure(input, blocked, 1));
    return report();
  }
  if (input.signal?.aborted) return { kind: 'cancelled' };

  const first: Message = { role: 'user', content: CHECK_PROMPT };
  const one = await runTurn(1, [first]);
  if (one === 'cancelled') return { kind: 'cancelled' };
  // The conversation goes back only after a whole first answer: a failed or cut stream has none.
  if (!one.reading?.done || one.diagnoses.some((d) => d.severity === 'error')) return report();

  const two = await runTurn(2, secondTurnMessages(first, one.reading));
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
      const failure = transportFailure(error, cleanerFor(key));
      if (failure.kind === 'transport' && failure.reason === 'cancelled') return 'cancelled';
      return record({ turn, eventStream: false, durationMs: elapsed(), ...NO_STREAM }, [
        diagnoseTurnFailure(input, failure, turn),
      ]);
    }
    const { status } = response;
    const eventStream = /^text\/event-stream\b/i.test(response.headers['content-type'] ?? '');
    if (status < 200 || status >= 300 || !eventStream) {
      // Not a stream: read it whole (capped) for the error envelope or to say what came instead.
      const whole = await readWhole(response.body);
      if (whole.failure?.reason === 'cancelled') return 'cancelled';
      const base = { turn, status, eventStream, durationMs: elapsed(), ...NO_STREAM } as const;
      return record(base, [notAStream(input, turn, response, redactGiven(whole.text, [key]))]);
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
      answer: inertText(reading.answer.slice(0, ANSWER_SHOWN_CHARS)),
      ...(reading.servedModel ? { servedModel: reading.servedModel } : {}),
    };
    return { ...record(turnReport, streamDiagnoses(input, turn, reading, turnReport)), reading };

    function elapsed(): number {
      return Math.max(0, Math.round(now() - sentAt));
    }
  }

  function record(turnReport: TraeTurnReport, found: Diagnosis[]): { diagnoses: Diagnosis[] } {
    turns.push(turnReport);
    diagnoses.push(...found);
    return { diagnoses: found };
  }
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
