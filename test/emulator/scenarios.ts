// Named scenarios: every row of the contract's error table, every fault seen in front of pools, and
// the ways streams break in Trae. Each is applied to a freshly reset emulator and says in one line
// what it does; `npm run emulator` and `npm run demo` print them, GET /__emulator/scenarios lists them.
import { hostileModelEntries } from './models';
import type { Emulator } from './server';

export interface Scenario {
  /** One line for people: what the pool does in this scenario. */
  readonly description: string;
  readonly apply: (e: Emulator, url: string, params?: URLSearchParams) => void;
}

const msParam = (params: URLSearchParams | undefined, fallback: number) => Number(params?.get('ms') ?? fallback);

export const SCENARIOS = {
  ok: { description: 'A healthy pool (the default).', apply: () => undefined },
  'key-unknown': {
    description: 'The Pool API key is wrong or deleted: 401 api_key_missing.',
    apply: (e) => void e.keys.delete(e.key),
  },
  'key-disabled': {
    description: 'The key is paused or revoked: 401 api_key_disabled.',
    apply: (e) => void e.keys.set(e.key, { status: 'disabled' }),
  },
  'key-expired': {
    description: 'The key has expired: 401 api_key_expired.',
    apply: (e) => void e.keys.set(e.key, { status: 'expired' }),
  },
  'pool-disabled': {
    description: 'The whole Pool is disabled; looks exactly like a bad key (401 api_key_missing).',
    apply: (e) => void (e.pool.enabled = false),
  },
  'v1-disabled': {
    description: 'OpenAI /v1 compatibility is off: 403 v1_compatibility_disabled.',
    apply: (e) => void (e.pool.v1Compatibility = false),
  },
  'ip-denied': {
    description: 'Your IP is outside the Pool firewall allowlist: 403 access_denied.',
    apply: (e) => void (e.pool.clientIpAllowed = false),
  },
  'cold-start': {
    description: 'The server is starting: 503 settings_unavailable.',
    apply: (e) => void (e.pool.ready = false),
  },
  overloaded: {
    description: 'The gateway is overloaded: 503 server_is_overloaded.',
    apply: (e) => void (e.pool.overloaded = true),
  },
  'model-not-allowed': {
    description: 'The key may use only gpt-5.4-mini: chat with another model gets 403 model_not_allowed.',
    apply: (e) => void e.keys.set(e.key, { status: 'active', allowedModels: ['gpt-5.4-mini'] }),
  },
  'models-hidden-for-key': {
    description: 'The key may use no model: the list is empty and chat gets 403.',
    apply: (e) => void e.keys.set(e.key, { status: 'active', allowedModels: [] }),
  },
  'enforced-model': {
    description: 'The key has an enforced model: every chat is served by gpt-5.4-mini.',
    apply: (e) => void e.keys.set(e.key, { status: 'active', enforcedModel: 'gpt-5.4-mini' }),
  },
  'no-eligible-backend': {
    description: 'No healthy upstream account: chat gets 503 no_eligible_backend.',
    apply: (e) => void (e.upstream.failure = { status: 503, code: 'no_eligible_backend' }),
  },
  'quota-exhausted': {
    description: 'All upstream quota is used up: chat gets 503 quota_exhausted.',
    apply: (e) => void (e.upstream.failure = { status: 503, code: 'quota_exhausted' }),
  },
  'rate-limited': {
    description: 'Upstream rate limit: chat gets 429 rate_limit_exceeded.',
    apply: (e) => void (e.upstream.failure = { status: 429, code: 'rate_limit_exceeded' }),
  },
  'usage-limited': {
    description: 'A usage limit is reached: chat gets 429 usage_limit_exceeded.',
    apply: (e) => void (e.upstream.failure = { status: 429, code: 'usage_limit_exceeded' }),
  },
  'upstream-error': {
    description: 'The pool cannot reach its upstream: chat gets 502 upstream_network_error.',
    apply: (e) => void (e.upstream.failure = { status: 502, code: 'upstream_network_error' }),
  },
  'context-length': {
    description: 'The upstream reports the context is too long: chat gets 502 context_length_exceeded.',
    apply: (e) => void (e.upstream.failure = { status: 502, code: 'context_length_exceeded' }),
  },
  'unknown-code': {
    description: 'Chat fails with an error code no one knows (502 flux_capacitor_empty).',
    apply: (e) => void (e.upstream.failure = { status: 502, code: 'flux_capacitor_empty' }),
  },
  'unsupported-endpoint': {
    description: 'The chat route answers 404 unsupported_endpoint.',
    apply: (e) => e.setFault({ kind: 'error', status: 404, code: 'unsupported_endpoint' }, ['chat']),
  },
  'empty-models': { description: 'The pool lists no models (200 with data: []).', apply: (e) => void (e.models = []) },
  'hostile-models': {
    description:
      'A thousand models: a 1,000-character name, HTML, U+202E and control characters, a 300-character id, an id of null, a duplicate; gpt-5.5 still listed.',
    apply: (e) => void (e.extraEntries = hostileModelEntries()),
  },
  'answer-other': {
    description: 'The model answers something else than "trae ok".',
    apply: (e) => void (e.upstream.answer = 'Sure! How can I help you today?'),
  },
  'answer-empty': { description: 'The model answers with no text.', apply: (e) => void (e.upstream.answer = '') },
  'limit-reached': {
    description: "The account's 5-hour credit window is used up; it resets in 2 hours (GET /v1/usage shows it).",
    apply: (e) => void (e.limits = [requestLimit(100, 0)]),
  },
  'limit-near': {
    description: "The account's 5-hour credit window is nearly used up: 5 of 100 left, resets in 2 hours.",
    apply: (e) => void (e.limits = [requestLimit(100, 5)]),
  },
  'slow-chat': {
    description: 'Chat answers after a delay (?ms=1500 by default).',
    apply: (e, _url, params) => void (e.upstream.delayMs = msParam(params, 1500)),
  },
  slow: {
    description: 'Every request answers after a delay (?ms=1500 by default).',
    apply: (e, _url, params) => e.setFault({ kind: 'delay', ms: msParam(params, 1500) }),
  },
  hang: { description: 'Connections are accepted and never answered.', apply: (e) => e.setFault({ kind: 'hang' }) },
  'stall-body': {
    description: 'The answer starts, then stops arriving.',
    apply: (e) => e.setFault({ kind: 'stall-body' }),
  },
  'cut-body': {
    description: 'The answer is cut off halfway (connection closed).',
    apply: (e) => e.setFault({ kind: 'cut-body' }),
  },
  'huge-body': {
    description: 'The answer is 64 MB of nothing.',
    apply: (e) => e.setFault({ kind: 'huge-body', bytes: 64 * 1024 * 1024 }),
  },
  'html-200': {
    description: 'A web page (HTML) with status 200 instead of the API.',
    apply: (e) => e.setFault({ kind: 'html', status: 200 }),
  },
  'html-502': {
    description: 'A web page (HTML) with status 502.',
    apply: (e) => e.setFault({ kind: 'html', status: 502 }),
  },
  'empty-200': {
    description: 'An empty answer with status 200.',
    apply: (e) => e.setFault({ kind: 'empty', status: 200 }),
  },
  'empty-502': {
    description: 'An empty answer with status 502.',
    apply: (e) => e.setFault({ kind: 'empty', status: 502 }),
  },
  'text-503': {
    description: 'A proxy\'s plain-text 503 ("upstream connect error").',
    apply: (e) => e.setFault({ kind: 'text', status: 503 }),
  },
  'wrong-shape': {
    description: 'JSON, but not in any shape a pool sends.',
    apply: (e) => e.setFault({ kind: 'wrong-shape' }),
  },
  'connection-reset': {
    description: 'Connections are reset before any answer.',
    apply: (e) => e.setFault({ kind: 'reset' }),
  },
  'redirect-https': {
    description: 'http:// redirects to https:// (301).',
    apply: (e, url) =>
      e.setFault({ kind: 'redirect', status: 301, location: url.replace(/^http:/, 'https:') + '/v1/models' }),
  },
  'redirect-other-host': {
    description: 'Requests redirect to another host (302).',
    apply: (e) => e.setFault({ kind: 'redirect', status: 302, location: 'https://elsewhere.example.net/v1/models' }),
  },
  'redirect-login': {
    description: 'Requests redirect to the login page (302).',
    apply: (e) => e.setFault({ kind: 'redirect', status: 302, location: '/login' }),
  },
  down: {
    description: "The pool is stopped behind its reverse proxy: every path answers nginx's HTML 502 Bad Gateway.",
    apply: (e) => void (e.pool.down = true),
  },
  'stream-error-frame': {
    description: 'Streamed chat: HTTP 200, then one data: {"error":…} frame (upstream_network_error) and no [DONE].',
    apply: (e) => void (e.upstream.stream = 'error-frame'),
  },
  'stream-no-done': {
    description: 'Streamed chat ends early and cleanly: some content, no finish, no data: [DONE].',
    apply: (e) => void (e.upstream.stream = 'no-done'),
  },
  'stream-buffered': {
    description: 'Streamed chat is held back ~800 ms, then arrives in one piece (a buffering proxy).',
    apply: (e) => void (e.upstream.stream = 'buffered'),
  },
  'stream-stall': {
    description: 'Streamed chat starts, then goes silent with the connection open.',
    apply: (e) => void (e.upstream.stream = 'stall'),
  },
  'stream-ignored': {
    description: 'stream: true is answered with one JSON answer instead of an event stream.',
    apply: (e) => void (e.upstream.stream = 'ignored'),
  },
  'second-turn-rejected': {
    description:
      'The first message works; when the conversation comes back, 400 unsupported_parameter (Trae: 4028 from the second message).',
    apply: (e) => void (e.upstream.rejectSecondTurn = true),
  },
  'tool-call': {
    description: 'On the first message the model calls the declared tool instead of answering.',
    apply: (e) => void (e.upstream.callTool = true),
  },
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export function applyScenario(
  emulator: Emulator,
  name: ScenarioName,
  url = emulator.url,
  params?: URLSearchParams,
): void {
  (SCENARIOS[name] as Scenario).apply(emulator, url, params);
  emulator.scenario = name;
}

/** Every scenario with its description, for people (the CLI, the demo, GET /__emulator/scenarios). */
export function scenarioList(): { name: ScenarioName; description: string }[] {
  return (Object.keys(SCENARIOS) as ScenarioName[]).map((name) => ({ name, description: SCENARIOS[name].description }));
}

/** The scenario list as lines of text: the exact command that switches to each, then what it does. */
export function scenarioHelp(baseUrl: string): string {
  const commands = scenarioList().map((s) => ({
    command: `curl ${baseUrl}/__emulator/scenario/${s.name}`,
    description: s.description,
  }));
  const width = Math.max(...commands.map((c) => c.command.length));
  return [
    `Scenarios: run the command on a scenario's line to switch to it; back to normal: curl ${baseUrl}/__emulator/scenario/ok`,
    ...commands.map((c) => `  ${c.command.padEnd(width)}  # ${c.description}`),
    '',
    "Play Trae (the wizard's last step, Confirm in Trae, watches for it): a streamed chat as Trae sends it,",
    'with the demo key (add ?key=<another key> or ?model=<id> to change them):',
    `  curl -X POST ${baseUrl}/__emulator/trae-chat`,
    "The pool's usage window drops its oldest day (the counter goes down, as at UTC midnight):",
    `  curl -X POST ${baseUrl}/__emulator/rollover`,
  ].join('\n');
}

/** A 5-hour credit window of the upstream account, as the pool reports it, resetting two hours from now. */
function requestLimit(max: number, remaining: number) {
  const resetAt = new Date(Date.now() + 2 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    limit_type: 'credits',
    limit_window: '5h',
    max_value: max,
    current_value: max - remaining,
    remaining_value: remaining,
    model_filter: null,
    reset_at: resetAt,
    source: 'account',
  };
}
