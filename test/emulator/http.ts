// Small answer helpers shared by the emulator's parts: JSON, the pool's error envelopes, HTML, text.
import type * as http from 'node:http';

export function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
): void {
  sendJson(res, status, { error: { message, type, code, param } });
}

/** The shape of upstream errors on /v1/chat/completions: the code is the only signal. */
export function sendRedacted(res: http.ServerResponse, status: number, code: string): void {
  sendJson(res, status, { error: { message: 'upstream request failed', type: 'server_error', code } });
}

export function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    ...headers,
  });
  res.end(html);
}

export function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
