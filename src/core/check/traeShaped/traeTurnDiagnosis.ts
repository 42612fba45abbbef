// What one turn of the Trae-shaped check found, as diagnoses: a failure named as the pool client's would
// be, an answer that is not an event stream, and what the stream showed (an error frame, a bad frame, no
// [DONE], a proxy that held it back, no usage).
import type { PoolEndpoint } from '../../url/endpoint';
import type { ProxyRoute } from '../../http/proxyRoute';
import { diagnosis, KNOWN_POOL_ERROR_CODES, messagesFor, type Diagnosis, type DiagnosisCode } from '../diagnosis';
import { diagnoseFailure } from '../failureDiagnosis';
import {
  cleanerFor,
  compactError,
  looksLikeProxy,
  parseBody,
  shownText,
  transportFailure,
  type PoolFailure,
} from '../../pool/poolResponse';
import { ErrorEnvelopeSchema } from '../../pool/schemas';
import type { StreamReading } from './traeStream';
import type { StreamResponse } from '../../http/transport';

// Buffering heuristic: at least this many data frames, all within BUFFERED_SPREAD_MS of each other,
// after at least BUFFERED_WAIT_MS without any. A model streams its tokens over time (and a pool sends
// the role chunk before the first token), so a whole answer in one burst after a wait means something
// in between held the stream back.
export const BUFFERED_MIN_FRAMES = 3;
export const BUFFERED_SPREAD_MS = 10;
export const BUFFERED_WAIT_MS = 400;

/** Where a turn went: the pool, with this key and model; the route names a proxy only when certain. */
export interface TurnContext {
  readonly endpoint: PoolEndpoint;
  readonly key: string;
  readonly model: string;
  readonly route?: ProxyRoute;
}

/** From sending the request to the first data frame, and from the first frame to the last (TraeTurnReport). */
export interface FrameTiming {
  readonly firstFrameMs?: number;
  readonly frameSpreadMs?: number;
}

export function diagnoseTurnFailure(ctx: TurnContext, failure: PoolFailure, turn: 1 | 2): Diagnosis {
  const d = diagnoseFailure(failure, {
    step: 'chat',
    endpoint: ctx.endpoint,
    model: ctx.model,
    ...(ctx.route ? { route: ctx.route } : {}),
  });
  return { ...d, step: turn === 1 ? 'turn1' : 'turn2', detail: `turn ${turn}: ${d.detail}` };
}

export function notAStream(ctx: TurnContext, turn: 1 | 2, response: StreamResponse, body: string): Diagnosis {
  const clean = cleanerFor(ctx.key);
  const url = ctx.endpoint.traeCallUrl;
  const { status } = response;
  const step = turn === 1 ? 'turn1' : 'turn2';
  if (status >= 300 && status < 400) {
    const location = response.headers['location'];
    return diagnoseTurnFailure(
      ctx,
      { kind: 'redirect', status, ...(location ? { location: shownText(location, clean, 300) } : {}) },
      turn,
    );
  }
  const parsed = parseBody({ status, headers: response.headers, body });
  if (status >= 200 && status < 300) {
    if (parsed.kind === 'html')
      return diagnoseTurnFailure(
        ctx,
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
  const error = envelope?.success ? compactError(envelope.data.error, clean) : undefined;
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
  return diagnoseTurnFailure(ctx, failure, turn);
}

export function streamDiagnoses(
  ctx: TurnContext,
  turn: 1 | 2,
  reading: StreamReading,
  timing: FrameTiming,
): Diagnosis[] {
  const { endpoint, model } = ctx;
  const url = endpoint.traeCallUrl;
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
  if (reading.failure) return [diagnoseTurnFailure(ctx, transportFailure(reading.failure, cleanerFor(ctx.key)), turn)];
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
  const { firstFrameMs, frameSpreadMs } = timing;
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
