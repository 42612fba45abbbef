// What the Trae-shaped check sends, as Trae's agent chat sends it: each turn's body (streamed, with a
// declared tool, only parameters the pool's contract accepts) and the conversation sent back on turn 2.
import type { PoolEndpoint } from '../../url/endpoint';
import type { PoolFailure } from '../../pool/poolResponse';
import { analyzeKey } from '../../secrets/poolKey';
import type { StreamReading } from './traeStream';

export const TRAE_SECOND_PROMPT = 'Once more, reply with exactly: trae ok';
/**
 * The output cap Trae itself sends with a custom model's chat (Trae-AI/TRAE issue 1052 quotes Trae's body:
 * `stream: true`, `max_tokens: 4096`): the check sends the same, so a pool that refuses it is found here.
 * The answer asked for is two words, so the quota used stays small.
 */
export const TRAE_MAX_TOKENS = 4096;
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

export type Message = Record<string, unknown>;

/** One turn's request body: only parameters the pool's contract accepts. */
export function traeTurnBody(model: string, messages: readonly Message[]): string {
  return JSON.stringify({
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: TRAE_MAX_TOKENS,
    tools: [TRAE_TOOL],
    tool_choice: 'auto',
  });
}

/**
 * Turn 2's conversation: the first question, the whole first answer (each tool call answered by the
 * harmless tool), then a second question.
 */
export function secondTurnMessages(first: Message, reading: StreamReading): Message[] {
  const assistant: Message = { role: 'assistant' };
  if (reading.answer !== '' || reading.toolCalls.length === 0) assistant['content'] = reading.answer;
  if (reading.toolCalls.length > 0) {
    assistant['tool_calls'] = reading.toolCalls.map((c, i) => ({
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
  return [first, assistant, ...toolAnswers, { role: 'user', content: TRAE_SECOND_PROMPT }];
}

/** The key goes only to the pool's own origin, and only a Pool key (as the pool client's guard). */
export function guardTurn(input: { readonly endpoint: PoolEndpoint; readonly key: string }): PoolFailure | undefined {
  if (!analyzeKey(input.key).ok) return { kind: 'blocked', reason: 'key' };
  try {
    if (new URL(input.endpoint.traeCallUrl).origin === input.endpoint.origin) return undefined;
  } catch {
    // an unparsable URL is refused like another origin
  }
  return { kind: 'blocked', reason: 'origin' };
}
