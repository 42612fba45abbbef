// A Codex Pooler emulator that follows ../shared/codex-pooler-contract.md: a real HTTP(S) server on
// loopback with the pool's routes, auth order, JSON shapes and error envelopes, plus switchable
// faults (slow, hanging, cut off, huge, HTML, redirects) that proxies in front of pools produce.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface EmulatorModel {
  id: string;
  display_name?: string;
  input_modalities: string[];
  context_length?: number;
}

export type KeyStatus = 'active' | 'disabled' | 'expired';

export interface EmulatorKey {
  status: KeyStatus;
  /** The server silently serves this model whatever is asked. */
  enforcedModel?: string;
  /** Model ids this key may use (case-insensitive); undefined = all. */
  allowedModels?: string[];
}

/** Faults that happen in front of the pool logic (network, proxies), optionally on some routes. */
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

export type Route = 'models' | 'chat' | 'usage' | 'other';

export interface UpstreamFailure {
  status: number;
  code: string;
}

export interface PoolState {
  enabled: boolean;
  v1Compatibility: boolean;
  clientIpAllowed: boolean;
  ready: boolean;
  overloaded: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  route: Route | 'health' | 'admin' | 'control';
  authorization?: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface LimitDef {
  limit_type: string;
  limit_window: string | null;
  max_value: number;
  current_value: number;
  remaining_value: number;
  model_filter: string | null;
  reset_at: string | null;
  source: string;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  tls?: { key: string; cert: string };
}

export const DEFAULT_MODELS: readonly EmulatorModel[] = [
  { id: 'gpt-5.5', display_name: 'GPT-5.5', input_modalities: ['text', 'image'], context_length: 258400 },
  { id: 'gpt-5.6-terra', display_name: 'GPT-5.6 Terra', input_modalities: ['text', 'image'], context_length: 828400 },
  { id: 'gpt-5.4-mini', display_name: 'GPT-5.4 Mini', input_modalities: ['text'] },
];

const UNSUPPORTED_V1 = ['embeddings', 'batches', 'files', 'images', 'audio', 'moderations', 'fine_tuning', 'assistants', 'threads', 'vector_stores', 'uploads', 'completions', 'realtime'];
const ALLOWED_CHAT_PARAMS = new Set([
  'model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p',
  'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'reasoning_effort',
]);

export function makePoolKey(): string {
  return `sk-cxp-${crypto.randomBytes(6).toString('hex')}-${crypto.randomBytes(32).toString('base64url').slice(0, 43)}`;
}

export function makeMcpToken(): string {
  return `mcp-cxp-${crypto.randomBytes(6).toString('hex')}-${crypto.randomBytes(32).toString('base64url').slice(0, 43)}`;
}

export class Emulator {
  readonly keys = new Map<string, EmulatorKey>();
  key: string;
  pool: PoolState = freshPool();
  models: EmulatorModel[] = DEFAULT_MODELS.map((m) => ({ ...m, input_modalities: [...m.input_modalities] }));
  /** What the upstream answers to chat: a failure, a delay, or the text. */
  upstream: { failure?: UpstreamFailure; answer: string; delayMs: number } = { answer: 'trae ok', delayMs: 0 };
  fault?: { fault: Fault; routes?: Route[] };
  limits: LimitDef[] = [];
  /** Raw entries served after the models in GET /v1/models, as they are (malformed ones too). */
  extraEntries: unknown[] = [];
  requests: RecordedRequest[] = [];
  /** The most requests of one route ever in flight together (overlap detection). */
  maxInFlight: Partial<Record<RecordedRequest['route'], number>> = {};
  private inFlight: Partial<Record<RecordedRequest['route'], number>> = {};
  scenario = 'ok';
  private server?: http.Server | https.Server;
  private sockets = new Set<import('node:net').Socket>();
  private hanging = new Set<http.ServerResponse>();
  private baseUrl = '';
  private boundPort = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.key = makePoolKey();
    this.keys.set(this.key, { status: 'active' });
  }

  get url(): string {
    return this.baseUrl;
  }

  get apiBase(): string {
    return `${this.baseUrl}/v1`;
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error', code: 'emulator_error' } });
        else res.destroy();
      });
    };
    this.server = this.options.tls ? https.createServer({ key: this.options.tls.key, cert: this.options.tls.cert }, handler) : http.createServer(handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.boundPort = (this.server!.address() as AddressInfo).port;
    const scheme = this.options.tls ? 'https' : 'http';
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.baseUrl = `${scheme}://${shownHost}:${this.port}`;
    return this;
  }

  /** Starts again on the same port after stop(): the pool "coming back". */
  async restart(): Promise<this> {
    (this.options as { port?: number }).port = this.boundPort;
    return this.start();
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Back to a healthy pool with the same key and port; request log and counts cleared. */
  reset(): void {
    this.pool = freshPool();
    this.models = DEFAULT_MODELS.map((m) => ({ ...m, input_modalities: [...m.input_modalities] }));
    this.upstream = { answer: 'trae ok', delayMs: 0 };
    delete this.fault;
    this.limits = [];
    this.extraEntries = [];
    for (const [key] of this.keys) if (key !== this.key) this.keys.delete(key);
    this.keys.set(this.key, { status: 'active' });
    this.scenario = 'ok';
    this.requests = [];
    this.maxInFlight = {};
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  addKey(state: EmulatorKey = { status: 'active' }): string {
    const key = makePoolKey();
    this.keys.set(key, state);
    return key;
  }

  setFault(fault: Fault, routes?: Route[]): void {
    this.fault = routes ? { fault, routes } : { fault };
  }

  /** Requests per "METHOD /path" since the last reset. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
    return counts;
  }

  countRoute(route: RecordedRequest['route']): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://emulator');
    // Like the server: "/v1/models/" and "/v1//chat/completions" still route.
    const path = '/' + parsed.pathname.split('/').filter(Boolean).join('/');
    const body = await readBody(req, 2 * 1024 * 1024);
    const route = routeOf(req.method ?? 'GET', path);
    const auth = req.headers['authorization'];
    this.requests.push({ method: req.method ?? 'GET', path, route, ...(typeof auth === 'string' ? { authorization: auth } : {}), body, headers: { ...req.headers }, at: Date.now() });
    const now = (this.inFlight[route] ?? 0) + 1;
    this.inFlight[route] = now;
    this.maxInFlight[route] = Math.max(this.maxInFlight[route] ?? 0, now);
    res.once('close', () => (this.inFlight[route] = (this.inFlight[route] ?? 1) - 1));

    if (route === 'control') return this.control(path, parsed, res);
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') return this.pool.ready ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'unavailable' });

    if (route === 'models' || route === 'chat' || route === 'usage' || route === 'other') {
      const fault = this.fault && (!this.fault.routes || this.fault.routes.includes(route)) ? this.fault.fault : undefined;
      if (fault && (await this.applyFault(fault, res))) return;
    }

    if (path.startsWith('/v1/') || path === '/v1') return this.v1(req, res, path, parsed, body);
    if (path === '/mcp' || path.startsWith('/mcp/')) {
      return sendJson(res, 401, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'operator MCP token required' } });
    }
    if (path.startsWith('/backend-api/codex')) {
      if (this.authenticate(req) !== undefined) return sendJson(res, 401, { detail: 'Unauthorized' });
      return sendJson(res, 200, { models: this.models.map((m) => ({ slug: m.id })) });
    }
    if (path === '/' || path.startsWith('/admin') || path === '/observatory') {
      res.writeHead(302, { location: '/login', 'content-type': 'text/html' });
      return void res.end('<html><body>Redirecting to <a href="/login">login</a></body></html>');
    }
    if (path === '/login') return sendHtml(res, 200, '<!doctype html><html><head><title>Codex Pooler - Sign in</title></head><body><form>Sign in</form></body></html>');
    return sendHtml(res, 404, '<!doctype html><html><body>Not Found</body></html>');
  }

  private async v1(req: http.IncomingMessage, res: http.ServerResponse, path: string, url: URL, body: string): Promise<void> {
    if (!this.pool.ready) return sendError(res, 503, 'settings_unavailable', 'settings are not available yet', 'server_error');
    if (!this.pool.clientIpAllowed) return sendError(res, 403, 'access_denied', 'client IP is not allowed');
    const denied = this.authenticate(req);
    if (denied) return sendError(res, 401, denied, denied === 'api_key_missing' ? 'api key is required' : denied === 'api_key_disabled' ? 'api key is disabled' : 'api key is expired');
    if (!this.pool.v1Compatibility) return sendError(res, 403, 'v1_compatibility_disabled', 'OpenAI /v1 compatibility is disabled for this pool');
    if (this.pool.overloaded) return sendError(res, 503, 'server_is_overloaded', 'server is overloaded', 'server_error');
    const key = this.keys.get(bearerOf(req)!)!;

    const method = req.method ?? 'GET';
    if (path === '/v1/models' && method === 'GET') {
      const data = this.modelsFor(key).map((m) => ({
        id: m.id,
        object: 'model',
        created: 1782000000,
        owned_by: 'codex-pooler',
        permission: [],
        input_modalities: m.input_modalities,
        ...(m.display_name ? { display_name: m.display_name } : {}),
        supports_streaming: true,
        supports_tools: true,
        supports_reasoning: true,
        ...(m.context_length !== undefined ? { context_length: m.context_length } : {}),
      }));
      return sendJson(res, 200, { object: 'list', data: [...data, ...this.extraEntries] });
    }
    if (path === '/v1/usage' && method === 'GET') {
      if (url.search !== '') return sendError(res, 400, 'invalid_request', 'query parameters are not supported');
      return sendJson(res, 200, {
        request_count: this.countRoute('chat'),
        total_tokens: this.countRoute('chat') * 12,
        cached_input_tokens: 0,
        total_cost_usd: 0.0,
        total_cost_status: 'unpriced',
        limits: this.limits,
        upstream_limits: [],
      });
    }
    if (path === '/v1/chat/completions' && method === 'POST') return this.chat(res, key, body);
    const first = path.split('/')[2] ?? '';
    if (UNSUPPORTED_V1.includes(first) || path.startsWith('/v1/responses/')) {
      return sendError(res, 404, 'unsupported_endpoint', `${path} is not supported`);
    }
    return sendText(res, 404, 'Not Found');
  }

  private async chat(res: http.ServerResponse, key: EmulatorKey, body: string): Promise<void> {
    let request: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      request = parsed as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'invalid_json', 'request body is not valid JSON');
    }
    for (const name of Object.keys(request)) {
      if (!ALLOWED_CHAT_PARAMS.has(name)) return sendError(res, 400, 'unsupported_parameter', `parameter ${name} is not supported`, 'invalid_request_error', name);
    }
    for (const name of ['max_tokens', 'max_completion_tokens']) {
      const v = request[name];
      if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v > 0)) {
        return sendError(res, 400, 'invalid_value', `${name} must be a positive integer`, 'invalid_request_error', name);
      }
    }
    const asked = typeof request['model'] === 'string' ? request['model'].trim().toLowerCase() : '';
    const known = this.models.find((m) => m.id.toLowerCase() === asked);
    if (!known) return sendError(res, 400, 'invalid_model', 'model is not available for this pool', 'invalid_request_error', 'model');
    if (key.allowedModels && !key.allowedModels.some((m) => m.toLowerCase() === asked)) return sendRedacted(res, 403, 'model_not_allowed');
    const served = key.enforcedModel ?? known.id;
    const messages = Array.isArray(request['messages']) ? request['messages'] : [];
    const wantsImage = JSON.stringify(messages).includes('"image_url"');
    if (wantsImage && !known.input_modalities.includes('image')) return sendError(res, 400, 'unsupported_model_capability', 'model does not support image input');
    if (this.upstream.delayMs > 0) await sleep(this.upstream.delayMs);
    if (this.upstream.failure) return sendRedacted(res, this.upstream.failure.status, this.upstream.failure.code);

    const id = `resp_${crypto.randomBytes(12).toString('hex')}`;
    const created = Math.floor(Date.now() / 1000);
    if (request['stream'] === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const frame = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: served, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(frame({ role: 'assistant' }, null));
      res.write(frame({ content: this.upstream.answer }, null));
      res.write(frame({}, 'stop'));
      return void res.end('data: [DONE]\n\n');
    }
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: served,
      choices: [{ index: 0, message: { role: 'assistant', content: this.upstream.answer }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 14, completion_tokens: 3, total_tokens: 17 },
    });
  }

  /** undefined when the request carries a usable key; otherwise the error code the pool answers. */
  private authenticate(req: http.IncomingMessage): 'api_key_missing' | 'api_key_disabled' | 'api_key_expired' | undefined {
    const key = bearerOf(req);
    if (!key || !key.startsWith('sk-cxp-')) return 'api_key_missing';
    const state = this.keys.get(key);
    if (!state || !this.pool.enabled) return 'api_key_missing';
    if (state.status === 'disabled') return 'api_key_disabled';
    if (state.status === 'expired') return 'api_key_expired';
    return undefined;
  }

  private modelsFor(key: EmulatorKey): EmulatorModel[] {
    if (!key.allowedModels) return this.models;
    const allowed = key.allowedModels.map((m) => m.toLowerCase());
    return this.models.filter((m) => allowed.includes(m.id.toLowerCase()));
  }

  /** true when the fault answered (or swallowed) the request. */
  private async applyFault(fault: Fault, res: http.ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'delay':
        await sleep(fault.ms);
        return false;
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return true;
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write('{"object":"list","data":[');
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
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
        sendHtml(res, fault.status, '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Codex Pooler</h1></body></html>');
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

  /** /__emulator/scenario/<name> switches scenarios for manual tries (npm run emulator, demo). */
  private control(path: string, url: URL, res: http.ServerResponse): void {
    const name = decodeURIComponent(path.split('/')[3] ?? '');
    if (path === '/__emulator/scenarios') return sendJson(res, 200, { current: this.scenario, scenarios: Object.keys(SCENARIOS) });
    if (path.startsWith('/__emulator/scenario/') && name in SCENARIOS) {
      this.reset();
      applyScenario(this, name as ScenarioName, this.url, url.searchParams);
      return sendJson(res, 200, { scenario: name });
    }
    return sendJson(res, 404, { error: `unknown control ${path}`, scenarios: Object.keys(SCENARIOS) });
  }
}

/**
 * Named scenarios: every row of the contract's error table and every fault. Each is applied to a
 * freshly reset emulator. `requests` go through the real auth and routing afterwards.
 */
export const SCENARIOS = {
  ok: () => undefined,
  'key-unknown': (e: Emulator) => e.keys.delete(e.key),
  'key-disabled': (e: Emulator) => e.keys.set(e.key, { status: 'disabled' }),
  'key-expired': (e: Emulator) => e.keys.set(e.key, { status: 'expired' }),
  'pool-disabled': (e: Emulator) => void (e.pool.enabled = false),
  'v1-disabled': (e: Emulator) => void (e.pool.v1Compatibility = false),
  'ip-denied': (e: Emulator) => void (e.pool.clientIpAllowed = false),
  'cold-start': (e: Emulator) => void (e.pool.ready = false),
  overloaded: (e: Emulator) => void (e.pool.overloaded = true),
  'model-not-allowed': (e: Emulator) => e.keys.set(e.key, { status: 'active', allowedModels: ['gpt-5.4-mini'] }),
  'models-hidden-for-key': (e: Emulator) => e.keys.set(e.key, { status: 'active', allowedModels: [] }),
  'enforced-model': (e: Emulator) => e.keys.set(e.key, { status: 'active', enforcedModel: 'gpt-5.4-mini' }),
  'no-eligible-backend': (e: Emulator) => void (e.upstream.failure = { status: 503, code: 'no_eligible_backend' }),
  'quota-exhausted': (e: Emulator) => void (e.upstream.failure = { status: 503, code: 'quota_exhausted' }),
  'rate-limited': (e: Emulator) => void (e.upstream.failure = { status: 429, code: 'rate_limit_exceeded' }),
  'usage-limited': (e: Emulator) => void (e.upstream.failure = { status: 429, code: 'usage_limit_exceeded' }),
  'upstream-error': (e: Emulator) => void (e.upstream.failure = { status: 502, code: 'upstream_network_error' }),
  'context-length': (e: Emulator) => void (e.upstream.failure = { status: 502, code: 'context_length_exceeded' }),
  'unknown-code': (e: Emulator) => void (e.upstream.failure = { status: 502, code: 'flux_capacitor_empty' }),
  'unsupported-endpoint': (e: Emulator) => e.setFault({ kind: 'error', status: 404, code: 'unsupported_endpoint' }, ['chat']),
  'empty-models': (e: Emulator) => void (e.models = []),
  'hostile-models': (e: Emulator) => void (e.extraEntries = hostileModelEntries()),
  'answer-other': (e: Emulator) => void (e.upstream.answer = 'Sure! How can I help you today?'),
  'answer-empty': (e: Emulator) => void (e.upstream.answer = ''),
  'limit-reached': (e: Emulator) =>
    void (e.limits = [{ limit_type: 'requests', limit_window: '5h', max_value: 100, current_value: 100, remaining_value: 0, model_filter: null, reset_at: '2026-11-24T05:00:00Z', source: 'api_key' }]),
  'slow-chat': (e: Emulator, _url: string, params?: URLSearchParams) => void (e.upstream.delayMs = Number(params?.get('ms') ?? 1500)),
  slow: (e: Emulator, _url: string, params?: URLSearchParams) => e.setFault({ kind: 'delay', ms: Number(params?.get('ms') ?? 1500) }),
  hang: (e: Emulator) => e.setFault({ kind: 'hang' }),
  'stall-body': (e: Emulator) => e.setFault({ kind: 'stall-body' }),
  'cut-body': (e: Emulator) => e.setFault({ kind: 'cut-body' }),
  'huge-body': (e: Emulator) => e.setFault({ kind: 'huge-body', bytes: 64 * 1024 * 1024 }),
  'html-200': (e: Emulator) => e.setFault({ kind: 'html', status: 200 }),
  'html-502': (e: Emulator) => e.setFault({ kind: 'html', status: 502 }),
  'empty-200': (e: Emulator) => e.setFault({ kind: 'empty', status: 200 }),
  'empty-502': (e: Emulator) => e.setFault({ kind: 'empty', status: 502 }),
  'text-503': (e: Emulator) => e.setFault({ kind: 'text', status: 503 }),
  'wrong-shape': (e: Emulator) => e.setFault({ kind: 'wrong-shape' }),
  'connection-reset': (e: Emulator) => e.setFault({ kind: 'reset' }),
  'redirect-https': (e: Emulator, url: string) => e.setFault({ kind: 'redirect', status: 301, location: url.replace(/^http:/, 'https:') + '/v1/models' }),
  'redirect-other-host': (e: Emulator) => e.setFault({ kind: 'redirect', status: 302, location: 'https://elsewhere.example.net/v1/models' }),
  'redirect-login': (e: Emulator) => e.setFault({ kind: 'redirect', status: 302, location: '/login' }),
} as const satisfies Record<string, (e: Emulator, url: string, params?: URLSearchParams) => unknown>;

export type ScenarioName = keyof typeof SCENARIOS;

/**
 * A model list as a careless or hostile server sends it: a thousand models, names with markup,
 * text-direction and control characters, and entries no client can use (no id, a null id, an id
 * of 300 characters, a duplicate, not an object at all).
 */
export function hostileModelEntries(): unknown[] {
  return [
    ...Array.from({ length: 1000 }, (_, i) => ({ id: `bulk-${i}`, object: 'model', display_name: `Bulk ${i}`, input_modalities: ['text'] })),
    { id: 'html-name', display_name: '<img src=x onerror=alert(1)>' },
    { id: 'rtl-name', display_name: '\u202egnp.exe' },
    { id: 'control-name', display_name: 'bell\u0007 escape\u001b[31m del\u007f c1\u0085 isolate\u2066x\u2069' },
    { id: 'long-name', display_name: 'N'.repeat(300) },
    { id: 'wrong-types', display_name: 5, input_modalities: 'image', context_length: '258400', supports_tools: 'yes' },
    { id: 'x'.repeat(300), display_name: 'id too long' },
    { id: null, display_name: 'null id' },
    { display_name: 'no id at all' },
    { id: '   ' },
    { id: 42 },
    { id: 'gpt-5.5\u202e' },
    { id: 'evil\u0000id' },
    { id: 'GPT-5.5', display_name: 'a second gpt-5.5' },
    'not an object',
    null,
    [{ id: 'in an array' }],
  ];
}

export function applyScenario(emulator: Emulator, name: ScenarioName, url = emulator.url, params?: URLSearchParams): void {
  SCENARIOS[name](emulator, url, params);
  emulator.scenario = name;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start();
}

function freshPool(): PoolState {
  return { enabled: true, v1Compatibility: true, clientIpAllowed: true, ready: true, overloaded: false };
}

function routeOf(method: string, path: string): RecordedRequest['route'] {
  if (path.startsWith('/__emulator')) return 'control';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/v1/models' && method === 'GET') return 'models';
  if (path === '/v1/chat/completions' && method === 'POST') return 'chat';
  if (path === '/v1/usage' && method === 'GET') return 'usage';
  if (path === '/' || path.startsWith('/admin') || path === '/login' || path === '/observatory') return 'admin';
  return 'other';
}

function bearerOf(req: http.IncomingMessage): string | undefined {
  const header = req.headers['authorization'];
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;
  return header.slice('Bearer '.length).trim();
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
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

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string, type = 'invalid_request_error', param: string | null = null): void {
  sendJson(res, status, { error: { message, type, code, param } });
}

/** The shape of upstream errors on /v1/chat/completions: the code is the only signal. */
function sendRedacted(res: http.ServerResponse, status: number, code: string): void {
  sendJson(res, status, { error: { message: 'upstream request failed', type: 'server_error', code } });
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)) });
  res.end(html);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
