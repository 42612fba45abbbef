// One connection check -> one report. The local rules (URL, key) run first and nothing is sent when
// they fail; then the model list, the chat check and usage run concurrently: none waits for another.
import type { Severity } from '../url/endpoint';
import { diagnosis, type CheckStepId, type Diagnosis, type DiagnosisStep } from './diagnosis';
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
} from '../pool/poolClient';
import type { ProxyRoute } from '../http/proxyRoute';
import type { Usage } from '../pool/schemas';
import { summarizeUsage } from './usage';
import { statusOf, type CheckFacts, type CheckMode, type CheckReport, type Verdict } from './checkReport';
import { checkLocally, type LocalSettings } from './localRules';
import { answerMatches, findModel, normalizeId } from './matching';

/** The settings the local rules read (URL, key, secrets in settings), and what sending needs. */
export interface CheckInput extends LocalSettings {
  readonly model: unknown;
  /** More models in Trae: each is looked up in the same model list (no request of its own). */
  readonly moreModels?: readonly string[];
  readonly mode: CheckMode;
  /** How a request to this URL reaches the pool (the editor's proxy rules, see proxyRoute.ts). */
  readonly proxyFor?: (url: string) => ProxyRoute | undefined;
  readonly signal?: AbortSignal;
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
  const facts: { -readonly [K in keyof CheckFacts]: CheckFacts[K] } = {};

  const { steps, diagnoses, target: local, endpoint, key } = checkLocally(input, model);
  const moreModels = (input.moreModels ?? []).map((m) => m.trim()).filter((m) => m !== '');
  const target = moreModels.length > 0 ? { ...local, moreModels } : local;
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
            // One model or many: "the one model" is not "among the 1 models".
            ...(listed.length === 1
              ? { cause: 'diag.modelNotListed.causeOne', fix: 'diag.modelNotListed.fixOne' }
              : {}),
          }),
        );
      }
    }
    if (listed.length > 0 && moreModels.length > 0) found.push(...recordMoreModels(listed));
    diagnoses.push(...found);
    steps.push({ id: 'models', status: statusOf(found.map((d) => d.severity)), durationMs: result.durationMs });
  }

  /** Each further model in the same list: one that left it is a warning (Trae answers 984 for its entry). */
  function recordMoreModels(listed: readonly ModelInfo[]): Diagnosis[] {
    facts.moreModels = moreModels.map((id) => {
      const info = findModel(listed, id);
      return info ? { id, listed: true, info } : { id, listed: false };
    });
    return facts.moreModels
      .filter((m) => !m.listed)
      .map((m) =>
        diagnosis('more-model-not-listed', 'models', `"${m.id}" (a further model) not among ${listed.length} listed`, {
          args: { model: m.id },
        }),
      );
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
