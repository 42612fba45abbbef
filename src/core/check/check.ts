// One connection check -> one report. The local rules (URL, key) run first and nothing is sent when
// they fail; then the model list, the chat check and usage run concurrently: none waits for another.
import { analyzeEndpoint, type PoolEndpoint, type Severity } from '../url/endpoint';
import { diagnosis, type CheckStepId, type Diagnosis, type DiagnosisStep, type Health } from './diagnosis';
import { diagnoseFailure, type DiagnosisContext } from './failureDiagnosis';
import { diagnoseSkippedModels } from './skippedModels';
import {
  CHECK_PROMPT,
  EXPECTED_ANSWER,
  PoolClient,
  type ChatAnswer,
  type ModelInfo,
  type ModelListing,
  type PoolResult,
  type SkippedModel,
} from '../pool/poolClient';
import { analyzeKey, maskKey } from '../secrets/poolKey';
import type { ProxyRoute } from '../http/proxyRoute';
import type { Usage } from '../pool/schemas';
import { summarizeUsage, type UsageSummary } from './usage';

/** 'background' is free (model list only); 'full' also sends the chat check, which costs quota. */
export type CheckMode = 'background' | 'full';
export type Verdict = 'ok' | 'warning' | 'error';
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface CheckInput {
  readonly baseUrl: unknown;
  readonly fullUrl: unknown;
  readonly model: unknown;
  /** The stored secret, or undefined when none is stored. */
  readonly key: string | undefined;
  /** The editor's secret storage failed: why (no key could be read; this is not "no key"). */
  readonly keyUnavailable?: string;
  /** Settings that held a Pool key or token (they were read as empty): said first, never used. */
  readonly secretInSettings?: readonly ('baseUrl' | 'model')[];
  readonly mode: CheckMode;
  /** How a request to this URL reaches the pool (the editor's proxy rules, see proxyRoute.ts). */
  readonly proxyFor?: (url: string) => ProxyRoute | undefined;
  readonly signal?: AbortSignal;
}

export interface CheckStep {
  readonly id: CheckStepId;
  readonly status: StepStatus;
  readonly durationMs: number;
}

export type { LimitSummary, UsageSummary } from './usage';
export { LIMIT_NEAR_SHARE } from './usage';

export interface CheckFacts {
  readonly models?: readonly ModelInfo[];
  /** Entries of the pool's list that were left out, each with its reason (never fatal). */
  readonly modelsSkipped?: readonly SkippedModel[];
  /** Entries after the first MAX_MODELS, not read. */
  readonly modelsTruncated?: number;
  readonly modelListed?: boolean;
  readonly chosenModel?: ModelInfo;
  readonly answer?: string;
  readonly servedModel?: string;
  readonly finishReason?: string;
  readonly usage?: UsageSummary;
  /** Duration of the model list request: the status bar's latency. */
  readonly latencyMs?: number;
}

export interface CheckTarget {
  readonly baseUrl: string;
  readonly fullUrl: boolean;
  readonly model: string;
  readonly endpoint?: PoolEndpoint;
  readonly keyMasked?: string;
}

export interface CheckReport {
  readonly mode: CheckMode;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly verdict: Verdict;
  /** False when no key is stored yet: the status bar says "not set up" instead of "failing". */
  readonly configured: boolean;
  readonly target: CheckTarget;
  readonly steps: readonly CheckStep[];
  /** Worst first. */
  readonly diagnoses: readonly Diagnosis[];
  readonly facts: CheckFacts;
}

export interface CheckDependencies {
  readonly client: PoolClient;
  readonly now?: () => number;
  readonly clock?: () => Date;
}

export async function checkConnection(input: CheckInput, deps: CheckDependencies): Promise<CheckReport> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const startedAt = (deps.clock?.() ?? new Date()).toISOString();
  const model = typeof input.model === 'string' ? input.model.trim() : '';
  const steps: CheckStep[] = [];
  const diagnoses: Diagnosis[] = [];
  const facts: { -readonly [K in keyof CheckFacts]: CheckFacts[K] } = {};

  for (const setting of input.secretInSettings ?? []) {
    diagnoses.push(
      diagnosis(
        'secret-in-setting',
        setting === 'baseUrl' ? 'url' : 'models',
        `a secret in codexPooler.${setting} (not used)`,
        { args: { setting: `codexPooler.${setting}` } },
      ),
    );
  }
  const urlAnalysis = analyzeEndpoint(input.baseUrl, input.fullUrl);
  diagnoses.push(
    ...urlAnalysis.findings.map((f): Diagnosis => ({
      code: `url:${f.code}`,
      step: 'url',
      severity: f.severity,
      cause: f.cause,
      fix: f.fix,
      detail: `URL rule ${f.code}`,
      action: 'fixUrl',
    })),
  );
  steps.push({ id: 'url', status: statusOf(urlAnalysis.findings.map((f) => f.severity)), durationMs: 0 });

  const keyAnalysis = input.key === undefined ? undefined : analyzeKey(input.key);
  if (input.keyUnavailable !== undefined) {
    diagnoses.push(
      diagnosis('key-store-unavailable', 'key', `secret storage failed: ${input.keyUnavailable}`, {
        args: { detail: input.keyUnavailable },
      }),
    );
  } else if (!keyAnalysis) {
    diagnoses.push(diagnosis('key-missing', 'key', 'no Pool API key stored'));
  } else if (!keyAnalysis.ok) {
    diagnoses.push({
      code: `key:${keyAnalysis.kind}`,
      step: 'key',
      severity: 'error',
      cause: keyAnalysis.cause,
      fix: keyAnalysis.fix,
      detail: `key rule ${keyAnalysis.kind}`,
      action: 'setApiKey',
    });
  }
  steps.push({ id: 'key', status: keyAnalysis?.ok ? 'pass' : 'fail', durationMs: 0 });

  const target: CheckTarget = {
    baseUrl: urlAnalysis.input,
    fullUrl: urlAnalysis.fullUrl,
    model,
    ...(urlAnalysis.endpoint ? { endpoint: urlAnalysis.endpoint } : {}),
    ...(keyAnalysis?.ok && keyAnalysis.key ? { keyMasked: maskKey(keyAnalysis.key) } : {}),
  };
  const endpoint = urlAnalysis.endpoint;
  const key = keyAnalysis?.ok ? keyAnalysis.key : undefined;
  const configured = input.key !== undefined || input.keyUnavailable !== undefined;

  if (!endpoint || !key) {
    const skipped: CheckStepId[] = input.mode === 'full' ? ['models', 'chat', 'usage'] : ['models', 'usage'];
    for (const id of skipped) steps.push({ id, status: 'skipped', durationMs: 0 });
    return finish();
  }

  const call = { endpoint, key, ...(input.signal ? { signal: input.signal } : {}) };
  const route = input.proxyFor?.(endpoint.apiBase);
  const context = (step: DiagnosisContext['step']): DiagnosisContext => ({
    step,
    endpoint,
    ...(model ? { model } : {}),
    ...(route ? { route } : {}),
  });
  const runChat = input.mode === 'full' && model !== '';
  const [models, chat, usage] = await Promise.all([
    deps.client.listModels(call),
    runChat ? deps.client.chatCheck(call, model) : undefined,
    // Usage is free like the model list: the background check reads it too (quota at a glance).
    deps.client.getUsage(call),
  ]);

  recordModels(models);
  if (input.mode === 'full') {
    if (chat) recordChat(chat);
    else steps.push({ id: 'chat', status: 'skipped', durationMs: 0 });
  }
  recordUsage(usage);
  if (model === '') {
    // Background health only degrades; an explicit check cannot pass without a model to test.
    const severity: Severity = input.mode === 'full' ? 'error' : 'warning';
    diagnoses.push(diagnosis('model-missing', 'models', 'codexPooler.model is empty', { severity }));
  }
  return finish();

  function recordModels(result: PoolResult<ModelListing>): void {
    facts.latencyMs = result.durationMs;
    if (!result.ok) {
      steps.push({ id: 'models', status: 'fail', durationMs: result.durationMs });
      diagnoses.push(diagnoseFailure(result.failure, context('models')));
      return;
    }
    const { models: listed, skipped, truncated } = result.value;
    facts.models = listed;
    if (skipped.length > 0) facts.modelsSkipped = skipped;
    if (truncated > 0) facts.modelsTruncated = truncated;
    // Skipped entries are worth a line, not a worse health: the rest of the list works.
    const found: Diagnosis[] = diagnoseSkippedModels(skipped, truncated);
    if (listed.length === 0) {
      found.push(diagnosis('models-empty', 'models', 'GET /v1/models -> 200 with data: []'));
    } else if (model !== '') {
      const chosen = findModel(listed, model);
      facts.modelListed = chosen !== undefined;
      if (chosen) facts.chosenModel = chosen;
      else {
        const models = listed
          .slice(0, 5)
          .map((m) => m.id)
          .join(', ');
        found.push(
          diagnosis('model-not-listed', 'models', `"${model}" not among ${listed.length} listed models`, {
            args: { model, count: listed.length, models },
          }),
        );
      }
    }
    diagnoses.push(...found);
    steps.push({ id: 'models', status: statusOf(found.map((d) => d.severity)), durationMs: result.durationMs });
  }

  function recordChat(result: PoolResult<ChatAnswer>): void {
    if (!result.ok) {
      steps.push({ id: 'chat', status: 'fail', durationMs: result.durationMs });
      diagnoses.push(diagnoseFailure(result.failure, context('chat')));
      return;
    }
    const { answer, servedModel, finishReason } = result.value;
    facts.answer = answer;
    facts.servedModel = servedModel;
    if (finishReason) facts.finishReason = finishReason;
    const found: Diagnosis[] = [];
    if (!answerMatches(answer)) {
      const shown = answer.trim() === '' ? '' : answer.trim().slice(0, 120);
      found.push(
        finishReason === 'content_filter'
          ? diagnosis('content-filter', 'chat', 'finish_reason content_filter')
          : diagnosis(
              'answer-mismatch',
              'chat',
              `answer ${JSON.stringify(shown)}, finish_reason ${finishReason ?? 'none'}`,
              {
                args: { answer: shown, expected: EXPECTED_ANSWER, prompt: CHECK_PROMPT },
                ...(shown ? {} : { cause: 'diag.answerEmpty.cause' }),
              },
            ),
      );
    }
    if (normalizeId(servedModel) !== normalizeId(model)) {
      found.push(
        diagnosis('served-model-differs', 'chat', `requested ${model}, served ${servedModel}`, {
          args: { model, served: servedModel },
        }),
      );
    }
    diagnoses.push(...found);
    steps.push({ id: 'chat', status: statusOf(found.map((d) => d.severity)), durationMs: result.durationMs });
  }

  function recordUsage(result: PoolResult<Usage>): void {
    if (!result.ok) {
      // Usage is informative only: an older pool or a proxy that hides it must not fail the check.
      steps.push({ id: 'usage', status: 'skipped', durationMs: result.durationMs });
      return;
    }
    const { summary, found } = summarizeUsage(result.value, model);
    facts.usage = summary;
    diagnoses.push(...found);
    steps.push({ id: 'usage', status: statusOf(found.map((d) => d.severity)), durationMs: result.durationMs });
  }

  function finish(): CheckReport {
    const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
    // Worst first; among equals, root causes before their consequences (an empty model list before the
    // chat's invalid_model): the steps in the order each depends on the one before. Sort is stable.
    const sorted = [...diagnoses].sort(
      (a, b) => order[a.severity] - order[b.severity] || STEP_RANK[a.step] - STEP_RANK[b.step],
    );
    const verdict: Verdict = sorted.some((d) => d.severity === 'error')
      ? 'error'
      : sorted.some((d) => d.severity === 'warning')
        ? 'warning'
        : 'ok';
    return {
      mode: input.mode,
      startedAt,
      durationMs: Math.max(0, Math.round(now() - started)),
      verdict,
      configured,
      target,
      steps,
      diagnoses: sorted,
      facts,
    };
  }
}

const STEP_RANK: Record<DiagnosisStep, number> = { url: 0, key: 1, models: 2, usage: 3, chat: 4, turn1: 5, turn2: 6 };

/**
 * What a report means for the status bar: not set up (no key, or no model yet), or
 * the health of the pool: failing whenever Trae's chat cannot succeed now, degraded when it works but
 * something needs attention, ok only when the check passed.
 */
export function healthOfReport(report: CheckReport): Health | 'notSetUp' {
  if (!report.configured) return 'notSetUp';
  // A store that cannot be read, or a key in a setting, is a problem to fix now, set up or not.
  if (report.diagnoses.some((d) => d.code === 'key-store-unavailable' || d.code === 'secret-in-setting'))
    return 'failing';
  // No model chosen yet: the setup is not finished (the wizard leads on), whatever else is wrong.
  if (report.diagnoses.some((d) => d.code === 'model-missing')) return 'notSetUp';
  return report.verdict === 'ok' ? 'ok' : report.verdict === 'warning' ? 'degraded' : 'failing';
}

/** The pool matches model ids case-insensitively after trimming; so do we. */
export function findModel(models: readonly ModelInfo[], id: string): ModelInfo | undefined {
  const wanted = normalizeId(id);
  return models.find((m) => normalizeId(m.id) === wanted);
}

export function answerMatches(answer: string): boolean {
  return (
    answer
      .trim()
      .toLowerCase()
      .replace(/[.!。！]+$/, '') === EXPECTED_ANSWER
  );
}

function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}

function statusOf(severities: readonly Severity[]): StepStatus {
  if (severities.includes('error')) return 'fail';
  if (severities.includes('warning')) return 'warn';
  return 'pass';
}
