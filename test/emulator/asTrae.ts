// A chat sent to the pool the way Trae's agent chat sends it (streamed, max_tokens 4096, the test prompt),
// read to its end: what `npm run demo` and the browser tests use to play Trae while the wizard's last step
// waits for Trae's first request. Plain Node http, to any pool URL.
import * as http from 'node:http';
import * as https from 'node:https';

export const TRAE_TEST_PROMPT = 'Reply with exactly: trae ok';

export interface TraeChatResult {
  readonly status: number;
  /** The text the stream carried (or the error body). */
  readonly answer: string;
  /** The stream ended with [DONE]. */
  readonly done: boolean;
}

/** POSTs one streamed chat as Trae does and reads it to the end. */
export function chatAsTrae(apiBase: string, key: string, model: string): Promise<TraeChatResult> {
  const url = new URL(`${apiBase.replace(/\/$/, '')}/chat/completions`);
  const body = JSON.stringify({
    model,
    messages: [{ role: 'user', content: TRAE_TEST_PROMPT }],
    stream: true,
    max_tokens: 4096,
  });
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        rejectUnauthorized: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, answer: answerOf(text), done: text.includes('data: [DONE]') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(body);
  });
}

/** The content deltas of an event stream, joined; a body that is not a stream, as it is (clamped). */
function answerOf(text: string): string {
  if (!text.startsWith('data:')) return text.slice(0, 300);
  let answer = '';
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    try {
      const frame = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
      answer += frame.choices?.[0]?.delta?.content ?? '';
    } catch {
      // A frame that is not JSON adds nothing.
    }
  }
  return answer;
}
