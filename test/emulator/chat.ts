// POST /v1/chat/completions as a strict pool answers it: parameters, messages (a conversation that
// comes back must be well formed), tools, then the answer: one JSON, or a realistic stream (role
// chunk, content in pieces with pauses, finish, usage only when asked, [DONE]) or one of the
// ways streams go wrong in front of Trae.
import * as crypto from 'node:crypto';
import type * as http from 'node:http';
import type { EmulatorModel } from './models';
import { sendError, sendJson, sendRedacted, sleep } from './http';

export interface UpstreamFailure {
  status: number;
  code: string;
}

/** How a stream:true request is answered. */
export type StreamStyle =
  | 'normal'
  /** HTTP 200, then a single `data: {"error":…}` frame and no [DONE] (the contract's upstream failure). */
  | 'error-frame'
  /** Role and some content, then the stream ends cleanly without finish or [DONE]. */
  | 'no-done'
  /** Nothing for ~800 ms, then the whole stream in one write (a buffering proxy). */
  | 'buffered'
  /** Role and one piece of content, then silence with the connection open. */
  | 'stall'
  /** stream:true answered with one chat.completion JSON. */
  | 'ignored';

export interface Upstream {
  failure?: UpstreamFailure;
  answer: string;
  delayMs: number;
  stream: StreamStyle;
  /** On the first turn the model calls the first declared tool instead of answering. */
  callTool: boolean;
  /** A conversation that comes back (a second turn) is refused with a 400. */
  rejectSecondTurn: boolean;
}

export function freshUpstream(): Upstream {
  return { answer: 'trae ok', delayMs: 0, stream: 'normal', callTool: false, rejectSecondTurn: false };
}

export interface ChatKey {
  enforcedModel?: string;
  allowedModels?: string[];
}

export interface ChatHost {
  readonly models: readonly EmulatorModel[];
  readonly upstream: Upstream;
  /** Keeps a response open until the emulator stops or resets. */
  hold(res: http.ServerResponse): void;
  /**
   * A chat reached an upstream account: the pool settles it (GET /v1/usage counts it) when its response
   * ends. Requests refused before routing (bad parameters, an unknown model, a model the key may not use)
   * never get here, as in the pool.
   */
  settle(res: http.ServerResponse, tokens: number): void;
}

export const ALLOWED_CHAT_PARAMS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
]);
export const BUFFERED_WAIT_MS = 800;
/** Pauses between content chunks: 20 to 40 ms, varied but the same on every run. */
const CHUNK_GAPS_MS = [25, 38, 21, 33, 29, 40, 20];

type Refusal = readonly [status: number, code: string, message: string, param: string | null];
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (param: string, message: string): Refusal => [400, 'invalid_value', message, param];

export async function answerChat(res: http.ServerResponse, host: ChatHost, key: ChatKey, body: string): Promise<void> {
  let request: Json;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isObject(parsed)) throw new Error('not an object');
    request = parsed;
  } catch {
    return sendError(res, 400, 'invalid_json', 'request body is not valid JSON');
  }
  const refusal = checkParameters(request);
  if (refusal) return sendError(res, refusal[0], refusal[1], refusal[2], 'invalid_request_error', refusal[3]);

  const asked = typeof request['model'] === 'string' ? request['model'].trim().toLowerCase() : '';
  const known = host.models.find((m) => m.id.toLowerCase() === asked);
  if (!known)
    return sendError(
      res,
      400,
      'invalid_model',
      'model is not available for this pool',
      'invalid_request_error',
      'model',
    );
  if (key.allowedModels && !key.allowedModels.some((m) => m.toLowerCase() === asked))
    return sendRedacted(res, 403, 'model_not_allowed');
  const served = key.enforcedModel ?? known.id;
  const messages = request['messages'] as Json[];
  if (JSON.stringify(messages).includes('"image_url"') && !known.input_modalities.includes('image')) {
    return sendError(res, 400, 'unsupported_model_capability', 'model does not support image input');
  }
  const upstream = host.upstream;
  const assistantAt = messages.findIndex((m) => m['role'] === 'assistant');
  if (upstream.rejectSecondTurn && assistantAt >= 0) {
    const param = `messages[${assistantAt}].content`;
    return sendError(
      res,
      400,
      'unsupported_parameter',
      `unsupported parameter: ${param}`,
      'invalid_request_error',
      param,
    );
  }
  // Routed: an upstream account took it, and the pool settles it (a 502 from the upstream too). A 503 (no
  // account, no quota) or a 429 (the key's own limits) is a reservation failure: never counted.
  if (!upstream.failure) host.settle(res, USAGE.total_tokens);
  else if (upstream.failure.status === 502) host.settle(res, 0);
  if (upstream.delayMs > 0) await sleep(upstream.delayMs);
  if (upstream.failure) return sendRedacted(res, upstream.failure.status, upstream.failure.code);

  const tools = Array.isArray(request['tools']) ? (request['tools'] as Json[]) : [];
  const toolName =
    upstream.callTool && assistantAt < 0 && request['tool_choice'] !== 'none'
      ? ((tools[0]?.['function'] as Json | undefined)?.['name'] as string | undefined)
      : undefined;
  const reply: Reply = {
    id: `resp_${crypto.randomBytes(12).toString('hex')}`,
    created: Math.floor(Date.now() / 1000),
    model: served,
    answer: upstream.answer,
    ...(toolName ? { toolName } : {}),
  };
  if (request['stream'] === true && upstream.stream !== 'ignored') {
    const usage = isObject(request['stream_options']) && request['stream_options']['include_usage'] === true;
    return stream(res, host, reply, usage);
  }
  return sendJson(res, 200, completion(reply));
}

interface Reply {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly answer: string;
  readonly toolName?: string;
}

const USAGE = { prompt_tokens: 14, completion_tokens: 3, total_tokens: 17 };

function completion(reply: Reply): Json {
  const call = reply.toolName ? toolCall(reply) : undefined;
  return {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: call ? null : reply.answer, ...(call ? { tool_calls: [call] } : {}) },
        finish_reason: call ? 'tool_calls' : 'stop',
      },
    ],
    usage: USAGE,
  };
}

function toolCall(reply: Reply): Json {
  return { id: `call_${reply.id.slice(5, 17)}`, type: 'function', function: { name: reply.toolName, arguments: '{}' } };
}

/** The frames of a healthy stream, in order, without the pauses. */
function frames(reply: Reply, usage: boolean): string[] {
  const chunk = (choices: Json[], extra: Json = {}) =>
    `data: ${JSON.stringify({ id: reply.id, object: 'chat.completion.chunk', created: reply.created, model: reply.model, choices, ...extra })}\n\n`;
  const delta = (d: Json, finish: string | null = null) => chunk([{ index: 0, delta: d, finish_reason: finish }]);
  const out = [delta({ role: 'assistant', content: '' })];
  if (reply.toolName) {
    const call = toolCall(reply);
    out.push(delta({ tool_calls: [{ index: 0, ...call, function: { name: reply.toolName, arguments: '' } }] }));
    out.push(
      delta({ tool_calls: [{ index: 0, function: { arguments: '{' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
    );
    out.push(delta({}, 'tool_calls'));
  } else {
    for (const piece of pieces(reply.answer)) out.push(delta({ content: piece }));
    out.push(delta({}, 'stop'));
  }
  if (usage) out.push(chunk([], { usage: USAGE }));
  out.push('data: [DONE]\n\n');
  return out;
}

/** At least three pieces for any answer of three characters or more. */
function pieces(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / Math.max(3, Math.ceil(text.length / 8))));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function stream(res: http.ServerResponse, host: ChatHost, reply: Reply, usage: boolean): Promise<void> {
  const style = host.upstream.stream;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  // The headers go out at once, as a pool's do; Node would otherwise hold them until the first write.
  res.flushHeaders();
  if (style === 'error-frame') {
    return void res.end(
      `data: ${JSON.stringify({ error: { message: 'upstream request failed', type: 'server_error', code: 'upstream_network_error' } })}\n\n`,
    );
  }
  const all = frames(reply, usage);
  if (style === 'buffered') {
    await sleep(BUFFERED_WAIT_MS);
    return void res.end(all.join(''));
  }
  // The role chunk, then each piece after a pause, the way a model produces tokens.
  const shown = style === 'no-done' ? all.slice(0, 3) : style === 'stall' ? all.slice(0, 2) : all;
  for (const [i, frame] of shown.entries()) {
    if (res.destroyed) return;
    if (i > 0 && i < shown.length - 1) await sleep(CHUNK_GAPS_MS[i % CHUNK_GAPS_MS.length]!);
    res.write(frame);
  }
  if (style === 'stall') return host.hold(res);
  res.end();
}

/** What a strict pool refuses before it calls any upstream; undefined when the request is fine. */
function checkParameters(request: Json): Refusal | undefined {
  for (const name of Object.keys(request)) {
    if (!ALLOWED_CHAT_PARAMS.has(name))
      return [400, 'unsupported_parameter', `parameter ${name} is not supported`, name];
  }
  for (const name of ['max_tokens', 'max_completion_tokens']) {
    const v = request[name];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v > 0))
      return invalid(name, `${name} must be a positive integer`);
  }
  const options = request['stream_options'];
  if (options !== undefined) {
    if (request['stream'] !== true)
      return invalid('stream_options', 'stream_options is only allowed with stream: true');
    if (
      !isObject(options) ||
      Object.keys(options).some((k) => k !== 'include_usage') ||
      (options['include_usage'] !== undefined && typeof options['include_usage'] !== 'boolean')
    ) {
      return invalid('stream_options', 'stream_options accepts only include_usage (boolean)');
    }
  }
  const tools = request['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return invalid('tools', 'tools must be an array');
    for (const [i, tool] of tools.entries()) {
      const fn = isObject(tool) ? tool['function'] : undefined;
      if (
        !isObject(tool) ||
        tool['type'] !== 'function' ||
        !isObject(fn) ||
        typeof fn['name'] !== 'string' ||
        !/^[A-Za-z0-9_-]{1,64}$/.test(fn['name'])
      ) {
        return invalid(`tools[${i}]`, 'each tool must be {type: "function", function: {name, parameters}}');
      }
      if (fn['parameters'] !== undefined && !isObject(fn['parameters']))
        return invalid(`tools[${i}].function.parameters`, 'parameters must be a JSON schema object');
    }
  }
  const choice = request['tool_choice'];
  if (choice !== undefined) {
    if (tools === undefined) return invalid('tool_choice', 'tool_choice needs tools');
    const named =
      isObject(choice) &&
      choice['type'] === 'function' &&
      isObject(choice['function']) &&
      typeof choice['function']['name'] === 'string';
    if (!named && !['auto', 'none', 'required'].includes(choice as string))
      return invalid('tool_choice', 'tool_choice must be auto, none, required or a named function');
  }
  return checkMessages(request['messages']);
}

/** A conversation as a strict pool takes it: every tool answer matches a call the assistant made. (inferred) */
function checkMessages(messages: unknown): Refusal | undefined {
  if (!Array.isArray(messages) || messages.length === 0)
    return invalid('messages', 'messages must be a non-empty array');
  const calls = new Set<string>();
  for (const [i, message] of messages.entries()) {
    const at = `messages[${i}]`;
    if (!isObject(message)) return invalid(at, 'each message must be an object');
    const { role, content } = message;
    const text = typeof content === 'string' || Array.isArray(content);
    switch (role) {
      case 'system':
      case 'developer':
      case 'user':
        if (!text) return invalid(`${at}.content`, `a ${role} message needs content`);
        break;
      case 'assistant': {
        const toolCalls = message['tool_calls'];
        if (toolCalls !== undefined) {
          if (!Array.isArray(toolCalls) || toolCalls.length === 0)
            return invalid(`${at}.tool_calls`, 'tool_calls must be a non-empty array');
          for (const [j, call] of toolCalls.entries()) {
            const fn = isObject(call) ? call['function'] : undefined;
            if (
              !isObject(call) ||
              typeof call['id'] !== 'string' ||
              call['id'] === '' ||
              call['type'] !== 'function' ||
              !isObject(fn) ||
              typeof fn['name'] !== 'string' ||
              typeof fn['arguments'] !== 'string'
            ) {
              return invalid(
                `${at}.tool_calls[${j}]`,
                'a tool call needs id, type "function" and function {name, arguments}',
              );
            }
            calls.add(call['id']);
          }
        } else if (!text) {
          return invalid(`${at}.content`, 'an assistant message needs content or tool_calls');
        }
        if (content !== undefined && content !== null && !text)
          return invalid(`${at}.content`, 'content must be a string or parts');
        break;
      }
      case 'tool': {
        const id = message['tool_call_id'];
        if (typeof id !== 'string' || id === '')
          return invalid(`${at}.tool_call_id`, 'a tool message needs tool_call_id');
        if (!calls.has(id)) return invalid(`${at}.tool_call_id`, 'tool_call_id matches no earlier tool call');
        if (!text) return invalid(`${at}.content`, 'a tool message needs content');
        break;
      }
      default:
        return invalid(`${at}.role`, 'unknown role');
    }
  }
  return undefined;
}
