// A Codex Pooler emulator that follows ../shared/codex-pooler-contract.md: a real HTTP(S) server on
// loopback with the pool's routes, auth order, JSON shapes and error envelopes, plus switchable
// faults (slow, hanging, cut off, huge, HTML, redirects) that proxies in front of pools produce, and
// the stream faults Trae's agent chat meets. Parts: chat.ts (chat completions, streaming), faults.ts,
// models.ts, scenarios.ts (named scenarios with descriptions), http.ts (answer helpers).
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { chatAsTrae } from './asTrae';
import { answerChat, freshUpstream, type Upstream } from './chat';
import { applyFault, BAD_GATEWAY_HTML, type Fault } from './faults';
import { readBody, sendError, sendHtml, sendJson, sendText } from './http';
import { defaultModels, type EmulatorModel } from './models';
import { SCENARIOS, applyScenario, scenarioList, type ScenarioName } from './scenarios';
import type { EmulatorKey, EmulatorOptions, LimitDef, PoolState, RecordedRequest, Route } from './types';

export { ALLOWED_CHAT_PARAMS, BUFFERED_WAIT_MS, type StreamStyle, type Upstream, type UpstreamFailure } from './chat';
export type { Fault } from './faults';
export { DEFAULT_MODELS, type EmulatorModel } from './models';
export { SCENARIOS, applyScenario, scenarioHelp, scenarioList, type Scenario, type ScenarioName } from './scenarios';
export type { EmulatorKey, EmulatorOptions, KeyStatus, LimitDef, PoolState, RecordedRequest, Route } from './types';

const UNSUPPORTED_V1 = [
  'embeddings',
  'batches',
  'files',
  'images',
  'audio',
  'moderations',
  'fine_tuning',
  'assistants',
  'threads',
  'vector_stores',
  'uploads',
  'completions',
  'realtime',
];

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
  models: EmulatorModel[] = defaultModels();
  /** Models taken off the list (removeModel), each with its place, so addModelBack puts it where it was. */
  removedModels: { model: EmulatorModel; index: number }[] = [];
  /** What the upstream does with chat: a failure, a delay, the text, how streams go, tool calls. */
  upstream: Upstream = freshUpstream();
  fault?: { fault: Fault; routes?: Route[] };
  limits: LimitDef[] = [];
  /** Raw entries served after the models in GET /v1/models, as they are (malformed ones too). */
  extraEntries: unknown[] = [];
  requests: RecordedRequest[] = [];
  /**
   * What GET /v1/usage counts, per key: the key's chats that reached an upstream account, over the pool's
   * rolling window (it can go down when the oldest day drops out: rollover()). Not reset by reset(): like
   * the pool, the counter only ever moves with traffic and time.
   */
  readonly usage = new Map<string, { requests: number; tokens: number }>();
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
        if (!res.headersSent)
          sendJson(res, 500, { error: { message: String(error), type: 'server_error', code: 'emulator_error' } });
        else res.destroy();
      });
    };
    this.server = this.options.tls
      ? https.createServer({ key: this.options.tls.key, cert: this.options.tls.cert }, handler)
      : http.createServer(handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
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
    this.models = defaultModels();
    this.removedModels = [];
    this.extraEntries = [];
    this.upstream = freshUpstream();
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

  /** Requests of a route still being answered (an answer that was delayed or streamed has not ended yet). */
  inFlightOf(route: RecordedRequest['route']): number {
    return this.inFlight[route] ?? 0;
  }

  /** A chat of this key reached an upstream account and its response ended: the pool settles it. */
  settle(key: string, tokens: number): void {
    const used = this.usage.get(key) ?? { requests: 0, tokens: 0 };
    this.usage.set(key, { requests: used.requests + 1, tokens: used.tokens + tokens });
  }

  /** UTC midnight: the oldest day of the 28-day window drops out, and every key's counters go down. */
  rollover(): void {
    for (const [key, used] of this.usage) {
      this.usage.set(key, { requests: Math.floor(used.requests / 2), tokens: Math.floor(used.tokens / 2) });
    }
  }

  /** The pool stops offering a model (an operator took it away, or its catalog entry went): off the list, chats refused. */
  removeModel(id: string): EmulatorModel | undefined {
    const index = this.models.findIndex((m) => m.id.toLowerCase() === id.trim().toLowerCase());
    if (index < 0) return undefined;
    const [model] = this.models.splice(index, 1);
    this.removedModels.push({ model: model!, index });
    return model;
  }

  /** A model removed before comes back, with its values, at its place in the list. */
  addModelBack(id: string): EmulatorModel | undefined {
    const at = this.removedModels.findIndex((r) => r.model.id.toLowerCase() === id.trim().toLowerCase());
    if (at < 0) return undefined;
    const [{ model, index }] = this.removedModels.splice(at, 1) as [{ model: EmulatorModel; index: number }];
    this.models.splice(Math.min(index, this.models.length), 0, model);
    return model;
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
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      route,
      ...(typeof auth === 'string' ? { authorization: auth } : {}),
      body,
      headers: { ...req.headers },
      at: Date.now(),
    });
    const now = (this.inFlight[route] ?? 0) + 1;
    this.inFlight[route] = now;
    this.maxInFlight[route] = Math.max(this.maxInFlight[route] ?? 0, now);
    res.once('close', () => (this.inFlight[route] = (this.inFlight[route] ?? 1) - 1));

    if (route === 'control') return this.control(path, parsed, res);
    if (this.pool.down) return sendHtml(res, 502, BAD_GATEWAY_HTML, { server: 'nginx' });
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz')
      return this.pool.ready ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'unavailable' });

    if (route === 'models' || route === 'chat' || route === 'usage' || route === 'other') {
      const fault =
        this.fault && (!this.fault.routes || this.fault.routes.includes(route)) ? this.fault.fault : undefined;
      if (fault && (await applyFault(fault, res, (r) => this.hold(r)))) return;
    }

    if (path.startsWith('/v1/') || path === '/v1') return this.v1(req, res, path, parsed, body);
    if (path === '/mcp' || path.startsWith('/mcp/')) {
      return sendJson(res, 401, {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32001, message: 'operator MCP token required' },
      });
    }
    if (path.startsWith('/backend-api/codex')) {
      if (this.authenticate(req) !== undefined) return sendJson(res, 401, { detail: 'Unauthorized' });
      return sendJson(res, 200, { models: this.models.map((m) => ({ slug: m.id })) });
    }
    if (path === '/' || path.startsWith('/admin') || path === '/observatory') {
      res.writeHead(302, { location: '/login', 'content-type': 'text/html' });
      return void res.end('<html><body>Redirecting to <a href="/login">login</a></body></html>');
    }
    if (path === '/login')
      return sendHtml(
        res,
        200,
        '<!doctype html><html><head><title>Codex Pooler - Sign in</title></head><body><form>Sign in</form></body></html>',
      );
    return sendHtml(res, 404, '<!doctype html><html><body>Not Found</body></html>');
  }

  private async v1(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    url: URL,
    body: string,
  ): Promise<void> {
    if (!this.pool.ready)
      return sendError(res, 503, 'settings_unavailable', 'settings are not available yet', 'server_error');
    if (!this.pool.clientIpAllowed) return sendError(res, 403, 'access_denied', 'client IP is not allowed');
    const denied = this.authenticate(req);
    if (denied)
      return sendError(
        res,
        401,
        denied,
        denied === 'api_key_missing'
          ? 'api key is required'
          : denied === 'api_key_disabled'
            ? 'api key is disabled'
            : 'api key is expired',
      );
    if (!this.pool.v1Compatibility)
      return sendError(res, 403, 'v1_compatibility_disabled', 'OpenAI /v1 compatibility is disabled for this pool');
    if (this.pool.overloaded)
      return sendError(res, 503, 'server_is_overloaded', 'server is overloaded', 'server_error');
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
      // The key's own requests that reached an upstream account, settled when their response ended.
      const used = this.usage.get(bearerOf(req)!) ?? { requests: 0, tokens: 0 };
      return sendJson(res, 200, {
        request_count: used.requests,
        total_tokens: used.tokens,
        cached_input_tokens: 0,
        total_cost_usd: 0.0,
        total_cost_status: 'unpriced',
        limits: this.limits,
        upstream_limits: [],
      });
    }
    if (path === '/v1/chat/completions' && method === 'POST') {
      const settle = (r: http.ServerResponse, tokens: number) =>
        r.once('close', () => this.settle(bearerOf(req)!, tokens));
      return answerChat(
        res,
        { models: this.models, upstream: this.upstream, hold: (r) => this.hold(r), settle },
        key,
        body,
      );
    }
    const first = path.split('/')[2] ?? '';
    if (UNSUPPORTED_V1.includes(first) || path.startsWith('/v1/responses/')) {
      return sendError(res, 404, 'unsupported_endpoint', `${path} is not supported`);
    }
    return sendText(res, 404, 'Not Found');
  }

  /** undefined when the request carries a usable key; otherwise the error code the pool answers. */
  private authenticate(
    req: http.IncomingMessage,
  ): 'api_key_missing' | 'api_key_disabled' | 'api_key_expired' | undefined {
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

  /** /__emulator/scenario/<name> switches scenarios for manual tries (npm run emulator, demo). */
  /** Keeps a response open (hang, stall) until the emulator stops or resets. */
  private hold(res: http.ServerResponse): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  /** /__emulator/scenario/<name> switches scenarios for manual tries (npm run emulator, demo). */
  private async control(path: string, url: URL, res: http.ServerResponse): Promise<void> {
    const name = decodeURIComponent(path.split('/')[3] ?? '');
    if (path === '/__emulator/trae-chat') {
      // Plays Trae: a streamed chat with a key (the demo key unless ?key= names another), as Trae sends it.
      const key = url.searchParams.get('key') ?? this.key;
      const model = url.searchParams.get('model') ?? this.models[0]?.id ?? 'gpt-5.5';
      const result = await chatAsTrae(this.apiBase, key, model).catch((error: unknown) => ({
        status: 0,
        answer: String(error),
        done: false,
      }));
      return sendJson(res, 200, { sent: { model, stream: true, max_tokens: 4096 }, ...result });
    }
    if (path === '/__emulator/rollover') {
      this.rollover();
      return sendJson(res, 200, { rolledOver: true });
    }
    if (path === '/__emulator/scenarios')
      return sendJson(res, 200, { current: this.scenario, scenarios: scenarioList() });
    if (path === '/__emulator/model/remove' || path === '/__emulator/model/add') {
      // The pool stops offering one model, or offers it again: the status bar names the missing one.
      const id = url.searchParams.get('id') ?? '';
      const removing = path.endsWith('/remove');
      const changed = removing ? this.removeModel(id) : this.addModelBack(id);
      const models = this.models.map((m) => m.id);
      const removed = this.removedModels.map((r) => r.model.id);
      if (!changed)
        return sendJson(res, 404, {
          error: `no ${removing ? 'listed' : 'removed'} model ${JSON.stringify(id)}`,
          models,
          removed,
        });
      return sendJson(res, 200, { [removing ? 'removed' : 'addedBack']: changed.id, models, removedModels: removed });
    }
    if (path.startsWith('/__emulator/scenario/') && Object.prototype.hasOwnProperty.call(SCENARIOS, name)) {
      this.reset();
      applyScenario(this, name as ScenarioName, this.url, url.searchParams);
      return sendJson(res, 200, { scenario: name, description: SCENARIOS[name as ScenarioName].description });
    }
    return sendJson(res, 404, { error: `unknown control ${path}`, scenarios: scenarioList() });
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start();
}

function freshPool(): PoolState {
  return { enabled: true, v1Compatibility: true, clientIpAllowed: true, ready: true, overloaded: false, down: false };
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
