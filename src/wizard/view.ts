// The model as the webview sees it: every message rendered in the user's language and every value
// clamped to what the protocol allows (long names get an ellipsis), so what the host builds always
// passes the schema the webview checks. No `vscode` here.
import type { CheckReport } from '../core/check/checkReport';
import type { Diagnosis } from '../core/check/diagnosis';
import { suggestCorrection, type EndpointFinding } from '../core/url/endpoint';
import { msg, type Msg } from '../core/text/messages';
import type { ModelInfo } from '../core/pool/poolClient';
import { clampText } from '../core/text/inertText';
import type { TraeTurnReport } from '../core/trae/traeCheck';
import type { GuideLanguage } from '../core/trae/traeGuide';
import type { WizardModel } from './model';
import {
  LIMITS,
  STEP_NAMES,
  type GuideView,
  type ModelListView,
  type ProblemView,
  type ReportView,
  type StepName,
  type WizardView,
} from './protocol';

export interface ViewContext {
  readonly render: (m: Msg) => string;
  readonly language: GuideLanguage;
  readonly commands: { readonly openChat: boolean; readonly openTraeSettings: boolean };
  readonly guide: (model: WizardModel) => GuideView | undefined;
}

/** Clamped to what the protocol allows, with an ellipsis (never splitting a character). */
export const clip = clampText;
/** A context length the view can show: a positive safe integer, or nothing. */
const tokens = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;

function take<T>(items: readonly T[], max: number): T[] {
  return items.slice(0, max);
}

export function buildView(model: WizardModel, ctx: ViewContext, listToken: number): WizardView {
  const r = (m: Msg) => clip(ctx.render(m), LIMITS.text);
  const status = (kind: 'reach' | 'list' | 'test' | 'trae') =>
    model.checks.running(kind) ? 'running' : model.checks.current(kind) !== undefined ? 'done' : 'idle';
  const problems = (list: readonly Diagnosis[], here: StepName) =>
    take(list, LIMITS.problems).map((d) => problemOf(d, here, r));
  const analysis = model.analysis;
  const reach = model.checks.current('reach');
  const list = model.checks.current('list');
  const listErrors =
    list?.diagnoses.filter(
      (d) => d.severity !== 'info' && d.code !== 'model-missing' && d.code !== 'model-not-listed' && d.step !== 'url',
    ) ?? [];
  const test = model.checks.current('test');
  const trae = model.checks.current('trae');
  const endpoint = analysis.endpoint;
  const fix =
    analysis.findings.filter((f) => f.severity !== 'info' && f.corrections.length > 0).length > 1
      ? suggestCorrection(analysis.input, analysis.fullUrl)
      : undefined;
  const draft = model.draft;
  const key = model.key;
  const guide = model.reachable('trae') ? ctx.guide(model) : undefined;

  return {
    step: model.step,
    steps: STEP_NAMES.map((name, i) => ({
      name,
      reachable: model.reachable(name),
      done: i < STEP_NAMES.length - 1 && model.reachable(STEP_NAMES[i + 1]!),
    })),
    draftVersion: model.draftVersion,
    draft: { url: clip(draft.url, LIMITS.url), fullUrl: draft.fullUrl, model: clip(draft.model, LIMITS.id) },
    // Only when there is a saved setup the status bar watches (a first setup has nothing to differ from).
    ...(model.dirty && model.saved.model !== ''
      ? { dirty: { url: clip(model.saved.url || '—', LIMITS.url), model: clip(model.saved.model || '—', LIMITS.id) } }
      : {}),
    notices: take(model.notices, LIMITS.notices).map((n) => ({ id: n.id, severity: n.severity, text: r(n.message) })),
    language: ctx.language,
    url: {
      findings: take(analysis.findings, LIMITS.problems).map((f) => findingOf(f, r)),
      ...(fix
        ? {
            fixAll: {
              url: clip(fix.url, LIMITS.url),
              fullUrl: fix.fullUrl,
              label: r(
                msg('ui.wizard.url.fixAll', {
                  url: fix.url,
                  fullUrl: ctx.render(msg(fix.fullUrl ? 'ui.wizard.url.on' : 'ui.wizard.url.off')),
                }),
              ),
            },
          }
        : {}),
      ...(endpoint ? { traeCallUrl: clip(endpoint.traeCallUrl, LIMITS.url) } : {}),
      reach: {
        status: status('reach'),
        ok: model.reachOk,
        ...(reach?.ok && endpoint
          ? { summary: r(msg('ui.wizard.url.reachOk', { host: endpoint.host, ms: reach.durationMs })) }
          : {}),
        problems: problems(reach?.diagnoses ?? [], 'url'),
      },
    },
    key: {
      state: key.kind,
      ...(key.kind === 'stored' ? { masked: clip(key.masked, 40) } : {}),
      ...(key.kind === 'unavailable'
        ? {
            problem: {
              severity: 'error' as const,
              cause: r(msg('diag.keyStoreUnavailable.cause', { detail: key.detail })),
              fix: r(msg('diag.keyStoreUnavailable.fix')),
            },
          }
        : {}),
      ...pendingKeyView(model, r),
      check: {
        status: status('list'),
        ok: model.listOk,
        ...(model.listOk
          ? { summary: r(msg('ui.wizard.key.accepted', { count: list?.facts.models?.length ?? 0 })) }
          : {}),
        problems: model.listOk ? [] : problems(listErrors, 'key'),
      },
    },
    model: {
      listStatus: status('list'),
      listToken,
      match: model.modelMatch,
      ...modelSummary(model, r),
      problems: problems(
        listErrors.filter((d) => d.step !== 'key'),
        'model',
      ),
    },
    test: {
      status: status('test'),
      ...(test ? { report: reportOf(test, r) } : {}),
      trae: {
        status: status('trae'),
        ...(trae
          ? {
              report: {
                verdict: trae.verdict,
                durationMs: trae.durationMs,
                lines: trae.turns.map((t) => clip(turnLine(t, ctx.render), LIMITS.text)),
                problems: problems(trae.diagnoses, 'test'),
              },
            }
          : {}),
      },
      canSave: model.canSave,
      ...(!model.dirty && model.configReady && !test ? { savedNote: r(msg('ui.wizard.test.savedWorks')) } : {}),
    },
    ...(guide ? { guide } : {}),
    keyForTrae: key.kind === 'stored' ? 'stored' : 'missing',
    commands: ctx.commands,
  };
}

/** The pool's list for the model step, sent on its own (it can be large) when it changes. */
export function buildModelList(model: WizardModel, token: number, render: (m: Msg) => string): ModelListView {
  const models: readonly ModelInfo[] = model.checks.current('list')?.facts.models ?? [];
  const shown = take(models, LIMITS.models);
  const report = model.checks.current('list');
  const skipped = (report?.diagnoses ?? []).filter((d) => d.code === 'models-skipped').map((d) => render(d.cause));
  const cut = models.length - shown.length;
  return {
    token,
    models: shown.map((m) => ({
      id: clip(m.id, LIMITS.id),
      name: clip(m.displayName, LIMITS.name),
      images: m.supportsImages,
      ...(tokens(m.contextLength) !== undefined ? { contextLength: tokens(m.contextLength) } : {}),
    })),
    ...(cut > 0 || skipped.length > 0
      ? {
          note: clip(
            [...skipped, ...(cut > 0 ? [render(msg('ui.wizard.model.cut', { count: cut }))] : [])].join(' '),
            LIMITS.text,
          ),
        }
      : {}),
  };
}

/** A new key that was not stored because the stored one works: what happened, and what the user may do. */
function pendingKeyView(model: WizardModel, r: (m: Msg) => string): { pending?: { text: string; fix: string } } {
  const pending = model.pendingKey;
  if (!pending) return {};
  const said = r(
    msg(pending.verdict === 'rejected' ? 'key.kept.rejected' : 'key.kept.unknown', {
      candidate: pending.candidate,
      kept: pending.kept,
    }),
  );
  const text = pending.reason ? clip(`${said} ${r(pending.reason)}`, LIMITS.text) : said;
  return { pending: { text, fix: r(msg('key.kept.fix')) } };
}

/** One line per streamed turn: time to first token, frames, whether it ended with [DONE]. */
function turnLine(t: TraeTurnReport, render: (m: Msg) => string): string {
  if (t.timeToFirstTokenMs === undefined)
    return render(msg('ui.wizard.test.traeTurnNoToken', { turn: t.turn, status: t.status ?? '—' }));
  const done = render(msg(t.done ? 'ui.wizard.test.traeDone' : 'ui.wizard.test.traeNoDone'));
  return render(
    msg('ui.wizard.test.traeTurn', {
      turn: t.turn,
      ttft: t.timeToFirstTokenMs,
      frames: t.dataFrames,
      ms: t.durationMs,
      done,
    }),
  );
}

function modelSummary(model: WizardModel, r: (m: Msg) => string): { summary?: string } {
  const wanted = model.draft.model.trim();
  const listed = model.checks.current('list')?.facts.models;
  if (wanted === '' || !listed) return {};
  const match = model.modelMatch;
  if (match === 'exact') return { summary: r(msg('ui.wizard.model.listed', { model: wanted })) };
  if (match === 'case') {
    const id = listed.find((m) => m.id.toLowerCase() === wanted.toLowerCase())?.id ?? wanted;
    return { summary: r(msg('ui.wizard.model.otherCase', { model: id, typed: wanted })) };
  }
  return {
    summary: r(
      msg('ui.wizard.model.notListed', {
        model: wanted,
        models: listed
          .slice(0, 5)
          .map((m) => m.id)
          .join(', '),
      }),
    ),
  };
}

/** Which wizard step fixes a diagnosis (none when it is the step the user is on). */
function stepFor(d: Diagnosis, here: StepName): StepName | undefined {
  const step: StepName | undefined =
    d.action === 'fixUrl' || d.step === 'url'
      ? 'url'
      : d.action === 'setApiKey' || d.step === 'key'
        ? 'key'
        : d.action === 'chooseModel'
          ? 'model'
          : undefined;
  return step === here ? undefined : step;
}

function problemOf(d: Diagnosis, here: StepName, r: (m: Msg) => string): ProblemView {
  const goTo = stepFor(d, here);
  return { severity: d.severity, cause: r(d.cause), fix: r(d.fix), ...(goTo ? { goTo } : {}) };
}

function findingOf(f: EndpointFinding, r: (m: Msg) => string): ProblemView {
  return {
    severity: f.severity,
    cause: r(f.cause),
    fix: r(f.fix),
    corrections: take(f.corrections, 4).map((c) => ({
      url: clip(c.url, LIMITS.url),
      fullUrl: c.fullUrl,
      label: r(c.label),
    })),
  };
}

function reportOf(report: CheckReport, r: (m: Msg) => string): ReportView {
  return {
    verdict: report.verdict,
    durationMs: report.durationMs,
    steps: take(report.steps, 10).map((s) => ({ id: s.id, status: s.status, durationMs: s.durationMs })),
    problems: take(report.diagnoses, LIMITS.problems).map((d) => problemOf(d, 'test', r)),
    ...(report.facts.answer !== undefined ? { answer: clip(report.facts.answer, LIMITS.text) } : {}),
    ...(report.facts.servedModel !== undefined ? { servedModel: clip(report.facts.servedModel, LIMITS.id) } : {}),
  };
}
