// The checks a person asks for, outside the status bar's loop: whether a Codex Pooler answers at a URL
// (free, no key sent) and the Trae-shaped check (two streamed turns with a tool: it costs quota, so it
// only ever runs when asked). Loaded with the commands and the wizard, not at activation.
import { diagnosis, type Diagnosis } from '../core/check/diagnosis';
import { analyzeEndpoint } from '../core/url/endpoint';
import { tidyEndpointUrl } from '../core/url/endpointTidy';
import { renderMsg } from '../core/text/messages';
import { PoolClient } from '../core/pool/poolClient';
import { analyzeKey } from '../core/secrets/poolKey';
import type { ProxyRoute } from '../core/http/proxyRoute';
import { checkReachability, type ReachOutcome } from '../core/check/reachability';
import { traeShapedCheck, type TraeCheckOutcome } from '../core/check/traeShaped/traeCheck';
import { formatTraeReport } from '../core/check/traeShaped/traeReportText';
import type { StreamTransport, Transport } from '../core/http/transport';
import type { RunOptions } from './checkService';
import { fingerprintOf, KeyStoreError, type PoolKeyStore } from './keyStore';
import type { OwnTraffic } from './ownTraffic';
import type { TraeFindings } from './traeFindings';
import type { ConnectionSettings, LogPort, SettingsPort } from './ports';

export interface OnDemandDeps {
  readonly settings: SettingsPort;
  readonly keys: PoolKeyStore;
  readonly log: LogPort;
  readonly transport: Transport;
  readonly stream: StreamTransport;
  readonly userAgent: string;
  readonly proxyFor: (url: string) => ProxyRoute | undefined;
  /** Where a finished Trae-shaped check is recorded (the status bar shows a finding about the saved setup). */
  readonly findings?: Pick<TraeFindings, 'record'>;
  /** Where its chats are announced (they move the pool's usage counter too). */
  readonly ownTraffic?: Pick<OwnTraffic, 'begin'>;
}

export class OnDemandChecks {
  constructor(private readonly deps: OnDemandDeps) {}

  /** Whether a Codex Pooler answers at this URL: free, and no key is sent. */
  async reach(
    target: Pick<ConnectionSettings, 'baseUrl' | 'fullUrl'>,
    options: RunOptions = {},
  ): Promise<ReachOutcome> {
    const settings = this.deps.settings.read();
    const client = new PoolClient({
      transport: this.deps.transport,
      timeoutMs: settings.timeoutSeconds * 1000,
      userAgent: this.deps.userAgent,
    });
    const outcome = await checkReachability(
      {
        baseUrl: target.baseUrl,
        fullUrl: target.fullUrl,
        proxyFor: this.deps.proxyFor,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      { client },
    );
    if (outcome.kind === 'done') {
      const first = outcome.report.diagnoses[0];
      this.deps.log.info(
        `Reachability of ${outcome.report.endpoint?.apiBase ?? JSON.stringify(target.baseUrl)}: ${outcome.report.verdict}${first ? ` (${first.detail})` : ''}.`,
      );
    }
    return outcome;
  }

  /**
   * The Trae-shaped check (two streamed turns with a tool declared): it costs quota, so it only ever runs
   * when asked. Of the saved settings, or of `target` (the wizard's draft); never published.
   */
  async traeCheck(target: ConnectionSettings | undefined, options: RunOptions = {}): Promise<TraeCheckOutcome> {
    const settings = this.deps.settings.read();
    const t = target ?? settings;
    // The tidy URL (no trailing slash) when that is all that differs: the one step 5 gives Trae.
    const analysis = analyzeEndpoint(tidyEndpointUrl(t.baseUrl, t.fullUrl)?.url ?? t.baseUrl, t.fullUrl);
    const model = t.model.trim();
    let key: string | undefined;
    const problems: Diagnosis[] = [];
    try {
      key = await this.deps.keys.get();
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      problems.push(diagnosis('key-store-unavailable', 'key', error.detail, { args: { detail: error.detail } }));
    }
    if (!analysis.endpoint)
      problems.push(diagnosis('url-invalid', 'url', `URL rule ${analysis.findings[0]?.code ?? '?'}`));
    if (problems.length === 0 && (key === undefined || !analyzeKey(key).ok))
      problems.push(diagnosis('key-missing', 'key', 'no Pool API key stored'));
    if (model === '') problems.push(diagnosis('model-missing', 'models', 'no model chosen'));
    if (problems.length > 0 || !analysis.endpoint || !key) {
      return {
        kind: 'done',
        report: {
          verdict: 'error',
          model,
          url: analysis.endpoint?.traeCallUrl ?? analysis.input,
          durationMs: 0,
          turns: [],
          diagnoses: problems,
        },
      };
    }
    const route = this.deps.proxyFor(analysis.endpoint.apiBase);
    const endOwnChat = this.deps.ownTraffic?.begin();
    const outcome = await traeShapedCheck(
      {
        endpoint: analysis.endpoint,
        key,
        model,
        timeoutMs: settings.timeoutSeconds * 1000,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(route ? { route } : {}),
      },
      { transport: this.deps.stream, userAgent: this.deps.userAgent },
    ).finally(() => endOwnChat?.());
    if (outcome.kind === 'cancelled') {
      this.deps.log.info('Trae-shaped check: cancelled.');
      return outcome;
    }
    const text = formatTraeReport(outcome.report, (m) => renderMsg(m));
    if (outcome.report.verdict === 'ok') this.deps.log.info(text);
    else this.deps.log.warn(text);
    this.deps.findings?.record(
      outcome.report,
      { baseUrl: t.baseUrl, fullUrl: t.fullUrl, model: t.model },
      fingerprintOf(key),
    );
    return outcome;
  }
}
