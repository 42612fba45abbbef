// "Trae says 984 / 4028 / 997 / …": runs the check that decides whether the pool is the cause, for the
// saved settings, and says what it found. 984: is this exact Model ID in the pool's list (and what is
// near it); 4028: the full check plus the Trae-shaped one; 997: can the pool be reached; the rest: the
// full check, and what to send the operator. Only the 4028 and full checks cost quota.
import type { CheckReport } from '../core/check/checkReport';
import type { Diagnosis } from '../core/check/diagnosis';
import { analyzeEndpoint } from '../core/url/endpoint';
import { msg, type Msg } from '../core/text/messages';
import { nearModelIds, traeErrorFact, type DecidingCheck, type TraeErrorKey } from '../core/trae/traeErrors';
import type { CheckService } from './checkService';
import { isMainModel, withModel } from './modelChoice';
import type { OnDemandChecks } from './onDemandChecks';
import type { SettingsPort } from './ports';

export interface TraeErrorFinding {
  readonly key: TraeErrorKey;
  readonly decidedBy: DecidingCheck;
  /** cause: the check found why Trae fails; fine: the pool works for this, so look at Trae's side. */
  readonly verdict: 'cause' | 'fine';
  /** What the check found, in order, already with this setup's values. */
  readonly lines: readonly Msg[];
  /** The problems it found, worst first. */
  readonly problems: readonly Diagnosis[];
}

export type TraeErrorOutcome =
  { readonly kind: 'cancelled' } | { readonly kind: 'done'; readonly finding: TraeErrorFinding };

export interface TraeErrorCheckDeps {
  readonly checks: CheckService;
  readonly onDemand: OnDemandChecks;
  readonly settings: SettingsPort;
}

/** `modelId`: the model the deciding check is about (a model of the set, or for 984 any typed id); default main. */
export async function checkTraeError(
  key: TraeErrorKey,
  options: { modelId?: string; signal?: AbortSignal },
  deps: TraeErrorCheckDeps,
): Promise<TraeErrorOutcome> {
  const decidedBy = traeErrorFact(key).decidedBy;
  const signal = options.signal;
  const settings = deps.settings.read();
  const done = (
    verdict: TraeErrorFinding['verdict'],
    lines: Msg[],
    problems: readonly Diagnosis[] = [],
  ): TraeErrorOutcome => ({ kind: 'done', finding: { key, decidedBy, verdict, lines, problems } });
  const worst = (report: CheckReport) => report.diagnoses.filter((d) => d.severity !== 'info');

  switch (decidedBy) {
    case 'modelListed': {
      const outcome = await deps.checks.check('background', signal ? { signal } : {});
      if (outcome.kind === 'cancelled') return outcome;
      const models = outcome.report.facts.models;
      if (!models) return done('cause', [msg('traeCheck.listUnreadable')], worst(outcome.report));
      const wanted = (options.modelId ?? settings.model).trim();
      const near = nearModelIds(
        wanted,
        models.map((m) => m.id),
      );
      const first = near[0];
      if (first?.match === 'exact')
        return done('fine', [
          models.length === 1
            ? msg('traeCheck.984.listedExactlyOne', { model: wanted })
            : msg('traeCheck.984.listedExactly', { model: wanted, count: models.length }),
        ]);
      if (first?.match === 'case') return done('cause', [msg('traeCheck.984.case', { model: wanted, id: first.id })]);
      if (first)
        return done('cause', [msg('traeCheck.984.near', { model: wanted, near: near.map((n) => n.id).join(', ') })]);
      const listed = models
        .slice(0, 5)
        .map((m) => m.id)
        .join(', ');
      return done('cause', [
        models.length === 1
          ? msg('traeCheck.984.absentOne', { model: wanted, models: listed })
          : msg('traeCheck.984.absent', { model: wanted, count: models.length, models: listed }),
      ]);
    }
    case 'fullAndTraeShaped': {
      const full = await deps.checks.checkModel('full', options.modelId, signal ? { signal } : {});
      if (full.kind === 'cancelled') return full;
      const other = options.modelId !== undefined && !isMainModel(settings, options.modelId);
      const target = other && options.modelId !== undefined ? withModel(settings, options.modelId) : undefined;
      const trae = await deps.onDemand.traeCheck(target, signal ? { signal } : {});
      if (trae.kind === 'cancelled') return trae;
      const problems = [...worst(full.report), ...trae.report.diagnoses.filter((d) => d.severity !== 'info')];
      if (problems.length === 0) return done('fine', [msg('traeCheck.4028.fine')]);
      return done('cause', [msg('traeCheck.4028.found', { count: problems.length })], problems);
    }
    case 'reachability': {
      const url = analyzeEndpoint(settings.baseUrl, settings.fullUrl).endpoint?.apiBase ?? settings.baseUrl;
      const probe = await deps.onDemand.reach(settings, signal ? { signal } : {});
      if (probe.kind === 'cancelled') return probe;
      const reach = probe.report;
      if (!reach.ok) return done('cause', [msg('traeCheck.997.unreachable', { url })], reach.diagnoses);
      const outcome = await deps.checks.check('background', signal ? { signal } : {});
      if (outcome.kind === 'cancelled') return outcome;
      const network = worst(outcome.report).filter(isReachabilityProblem);
      if (network.length > 0) return done('cause', [msg('traeCheck.997.unreachable', { url })], network);
      return done('fine', [msg('traeCheck.997.fine', { url, ms: reach.durationMs })]);
    }
    case 'fullAndOperator': {
      const full = await deps.checks.checkModel('full', options.modelId, signal ? { signal } : {});
      if (full.kind === 'cancelled') return full;
      const problems = worst(full.report);
      if (problems.length === 0) return done('fine', [msg('traeCheck.operator.fine')]);
      return done('cause', [msg('traeCheck.operator.found')], problems);
    }
  }
}

// What Trae's 997 ("check the network") is about: the pool cannot be reached or trusted from here.
const REACHABILITY_CODES = new Set([
  'refused',
  'refused-local',
  'dns',
  'unreachable',
  'reset',
  'cut-off',
  'network-other',
  'timeout-connect',
  'timeout-headers',
  'timeout-body',
  'tls-self-signed',
  'tls-expired',
  'tls-hostname',
  'tls-untrusted',
  'tls-plain-http',
  'tls-other',
  'proxy-failed',
  'proxy-rejected',
  'redirect-https',
  'redirect-login',
  'redirect-other-host',
  'redirect',
]);

function isReachabilityProblem(d: Diagnosis): boolean {
  return REACHABILITY_CODES.has(d.code) || d.code.startsWith('url:');
}
