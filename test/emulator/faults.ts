// Faults that happen in front of the pool logic (network, proxies), optionally on some routes.
import type * as http from 'node:http';
import { sendError, sendHtml, sendJson, sendText, sleep } from './http';

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'stall-body' }
  | { kind: 'cut-body' }
  | { kind: 'huge-body'; bytes: number }
  | { kind: 'html'; status: number }
  | { kind: 'empty'; status: number }
  | { kind: 'text'; status: number }
  | { kind: 'wrong-shape' }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'error'; status: number; code: string }
  | { kind: 'reset' };

/** The page nginx answers when the pool behind it is stopped. */
export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** true when the fault answered (or swallowed) the request; `hold` keeps a response open. */
export async function applyFault(
  fault: Fault,
  res: http.ServerResponse,
  hold: (res: http.ServerResponse) => void,
): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.ms);
      return false;
    case 'hang':
      hold(res);
      return true;
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"object":"list","data":[');
      hold(res);
      return true;
    case 'cut-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"object":"list","data":[{"id":"gpt-');
      setTimeout(() => res.socket?.destroy(), 20);
      return true;
    case 'huge-body': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < fault.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = fault.bytes));
      pump();
      return true;
    }
    case 'html':
      sendHtml(
        res,
        fault.status,
        '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Codex Pooler</h1></body></html>',
      );
      return true;
    case 'empty':
      res.writeHead(fault.status, { 'content-length': '0' });
      res.end();
      return true;
    case 'text':
      sendText(res, fault.status, 'upstream connect error or disconnect/reset before headers');
      return true;
    case 'wrong-shape':
      sendJson(res, 200, { result: 'ok', items: 3 });
      return true;
    case 'redirect':
      res.writeHead(fault.status, { location: fault.location, 'content-type': 'text/plain' });
      res.end(`Redirecting to ${fault.location}`);
      return true;
    case 'error':
      sendError(res, fault.status, fault.code, `${fault.code}`);
      return true;
    case 'reset':
      res.socket?.destroy();
      return true;
  }
}
